"use client";
/** A form bound to a server action, showing the action's answer beside its button. */
import { useActionState } from "react";

export function ActionForm<S>({
  action, children, render, className,
}: {
  action: (prev: S | null, form: FormData) => Promise<S>;
  children: React.ReactNode;
  render: (state: S | null, pending: boolean) => React.ReactNode;
  className?: string;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className={className}>
      {children}
      {render(state, pending)}
    </form>
  );
}
