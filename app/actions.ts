"use server";
/** Server actions shared by every page. */
import { cookies } from "next/headers";
import { isLocale, LOCALE_COOKIE } from "@/i18n/dictionary";

export async function setLocale(formData: FormData): Promise<void> {
  const locale = formData.get("locale");
  if (!isLocale(locale)) return;
  (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", maxAge: 365 * 24 * 3600, sameSite: "lax" });
}
