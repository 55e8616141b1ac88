import { getDictionary } from "@/i18n/locale";

export default async function NotFound() {
  const { t } = await getDictionary();
  return <p className="text-slate-600">{t.notFound}</p>;
}
