import { BrandMark } from "./brand-mark";
import { SignOutButton } from "./sign-out-button";

/** Top bar for pages outside a handle (picker, create handle). */
export function PlainHeader({ email }: { email: string }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex h-16 max-w-6xl items-center gap-3 px-4 sm:px-6">
        <BrandMark />
        <div className="ml-auto flex items-center gap-3">
          <span data-testid="signed-in-as" className="hidden max-w-[16rem] truncate text-sm text-slate-500 sm:inline">{email}</span>
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}
