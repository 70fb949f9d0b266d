import type { HandleItem, Role } from "@/lib/ui/api-types";
import { BrandMark } from "./brand-mark";
import { HandleSwitcher } from "./handle-switcher";
import { NavTabs } from "./nav-tabs";
import { RoleBadge } from "./role-badge";
import { SignOutButton } from "./sign-out-button";

/** The dashboard's top bar: brand, handle switcher, signed-in email, sign-out, section tabs. */
export function AppHeader({ handle, role, email, handles }: {
  handle: string; role: Role; email: string; handles: Pick<HandleItem, "slug" | "role">[];
}) {
  return (
    <header className="sticky top-0 z-20 border-b border-slate-200 bg-white/90 backdrop-blur">
      <div className="mx-auto flex h-14 max-w-6xl items-center gap-2 px-4 sm:h-16 sm:gap-3 sm:px-6">
        <BrandMark compact />
        <span aria-hidden className="text-slate-300">/</span>
        <HandleSwitcher current={handle} handles={handles} />
        <span className="hidden sm:inline-flex"><RoleBadge role={role} /></span>
        <div className="ml-auto flex items-center gap-1 sm:gap-3">
          <span data-testid="signed-in-as" title={email}
            className="hidden max-w-[16rem] truncate text-sm text-slate-500 md:inline">{email}</span>
          <span aria-hidden className="hidden h-8 w-8 place-items-center rounded-full bg-brand-100 text-xs font-semibold uppercase text-brand-700 sm:grid">
            {email.charAt(0)}
          </span>
          <SignOutButton />
        </div>
      </div>
      <div className="mx-auto max-w-6xl px-2 sm:px-4">
        <NavTabs handle={handle} role={role} />
      </div>
    </header>
  );
}
