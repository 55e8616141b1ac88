import { NextResponse } from "next/server";
import { registerStudent } from "@/server/accounts/register";

export async function POST(req: Request) {
  const body = await req.json().catch(() => null);
  const result = await registerStudent(body);
  return NextResponse.json(result, { status: result.ok ? 201 : 400 });
}
