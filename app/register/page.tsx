import { RegisterForm } from "@/components/register-form";
import { getLocale } from "@/i18n/locale";

export default async function RegisterPage() {
  return <RegisterForm locale={await getLocale()} />;
}
