"use client";
/** Revokes one exception; says so, and whose grade it moved. */
import { revokeExceptionAction, type ExceptionActionState } from "@/app/instructor/exception-actions";
import { dictionary, type Locale } from "@/i18n/dictionary";
import { ActionForm } from "./action-form";

export function RevokeExceptionButton({ locale, exceptionId }: { locale: Locale; exceptionId: string }) {
  const t = dictionary(locale).exceptions;
  const courseErrors = dictionary(locale).courses.errors;
  const points = (g: { points: number; late: boolean } | null) => (g ? `${g.points}${g.late ? ` (${t.late})` : ""}` : t.noGrade);
  return (
    <ActionForm<ExceptionActionState>
      action={revokeExceptionAction}
      className="flex flex-col items-start gap-1"
      render={(s, pending) => (
        <>
          <button type="submit" disabled={pending} className="rounded border border-red-600 px-2 py-1 text-xs text-red-700 disabled:opacity-50">{t.revoke}</button>
          {s && !pending && (
            <span role="status" className="text-xs">
              {s.ok ? t.revoked : s.message === "courseChanged" || s.message === "course.archived" ? courseErrors[s.message] : t.errors.forbidden}
              {s.ok && s.change && ` ${t.gradeMoved({ before: points(s.change.before), after: points(s.change.after) })}`}
            </span>
          )}
        </>
      )}
    >
      <input type="hidden" name="exceptionId" value={exceptionId} />
    </ActionForm>
  );
}
