import { LoginForm } from "@/components/login-form";
import { getLocale } from "@/i18n/locale";

export default async function LoginPage() {
  return <LoginForm locale={await getLocale()} />;
}
