import { OldTaskLink } from "../old-task-link";

export const dynamic = "force-dynamic";

/** `/tasks/<slug>/leaderboard`: the leaderboard in the user's one course that has the task, or a choice of course. */
export default async function OldLeaderboardPage({ params }: { params: Promise<{ slug: string }> }) {
  return OldTaskLink({ slug: (await params).slug, suffix: "/leaderboard" });
}
