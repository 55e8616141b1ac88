import { redirect } from "next/navigation";
import { currentUser } from "@/server/auth";

/** The landing: instructors on their class overview, students on their task list. */
export default async function Home() {
  const user = await currentUser();
  redirect(!user ? "/login" : user.role === "instructor" ? "/instructor" : "/tasks");
}
