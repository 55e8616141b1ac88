/** The reader's language, from their cookie (set by the language switch); pt-BR by default. */
import { cookies } from "next/headers";
import { DEFAULT_LOCALE, dictionary, isLocale, LOCALE_COOKIE, type Locale } from "./dictionary";

export async function getLocale(): Promise<Locale> {
  const value = (await cookies()).get(LOCALE_COOKIE)?.value;
  return isLocale(value) ? value : DEFAULT_LOCALE;
}

export async function getDictionary() {
  const locale = await getLocale();
  return { locale, t: dictionary(locale) };
}
