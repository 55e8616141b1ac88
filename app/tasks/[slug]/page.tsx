import { OldTaskLink } from "./old-task-link";

export const dynamic = "force-dynamic";

/** `/tasks/<slug>`: the task in the user's one course that has it, or a choice of course. */
export default async function OldTaskPage({ params }: { params: Promise<{ slug: string }> }) {
  return OldTaskLink({ slug: (await params).slug, suffix: "" });
}
