"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { currentUser } from "@/server/auth";
import { db } from "@/server/db";

export async function savePseudonym(_prev: boolean | null, form: FormData): Promise<boolean> {
  const user = await currentUser();
  if (!user) return false;
  const pseudonym = z.string().trim().max(40).safeParse(form.get("pseudonym") ?? "");
  if (!pseudonym.success) return false;
  await db.user.update({ where: { id: user.id }, data: { pseudonym: pseudonym.data || null } });
  revalidatePath("/profile");
  return true;
}
