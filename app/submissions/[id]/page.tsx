import { notFound, redirect } from "next/navigation";
import { SubmissionLive } from "@/components/submission-live";
import { getLocale } from "@/i18n/locale";
import { currentUser } from "@/server/auth";
import { getSubmissionView } from "@/server/submissions/read";

export const dynamic = "force-dynamic";

export default async function SubmissionPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await currentUser();
  if (!user) redirect("/login");
  const view = await getSubmissionView(user, (await params).id);
  if (!view) notFound();
  return <SubmissionLive initial={view} locale={await getLocale()} taskHref={`/tasks/${view.task.slug}`} />;
}
