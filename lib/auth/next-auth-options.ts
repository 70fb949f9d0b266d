import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { config } from "../config";
import { consumeMagicToken } from "./magic-tokens";
import { findOrCreateUser } from "./users";

// Sign-in by emailed link, scanner-safe: the link opens /auth/confirm (a page with a
// button); only that click posts the token here, where it is consumed exactly once.
export function authOptions(): NextAuthOptions {
  return {
    secret: config().authSecret,
    session: { strategy: "jwt", maxAge: 7 * 24 * 60 * 60 },
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      CredentialsProvider({
        id: "email-link",
        name: "Email link",
        credentials: { token: { type: "text" } },
        async authorize(credentials) {
          const consumed = await consumeMagicToken("signin", credentials?.token);
          if (!consumed) return null;
          const user = await findOrCreateUser(consumed.email);
          return { id: user.id, email: user.email };
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) token.uid = user.id;
        return token;
      },
      async session({ session, token }) {
        if (session.user) (session.user as { id?: string }).id = token.uid as string;
        return session;
      },
    },
  };
}
