import { redirect } from "next/navigation";
import { ProfileForm } from "@/components/profile-form";
import { getDictionary } from "@/i18n/locale";
import { currentUser } from "@/server/auth";
import { db } from "@/server/db";

export const dynamic = "force-dynamic";

export default async function ProfilePage() {
  const user = await currentUser();
  if (!user) redirect("/login");
  const { locale, t } = await getDictionary();
  const me = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { pseudonym: true } });
  return (
    <section className="max-w-md">
      <h1 className="mb-4 text-2xl font-semibold">{t.profile.title}</h1>
      <ProfileForm locale={locale} pseudonym={me.pseudonym ?? ""} />
    </section>
  );
}
