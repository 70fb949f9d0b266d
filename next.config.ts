import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite is WASM with its own file loading; the adapters must stay plain Node modules.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "pg", "@prisma/adapter-pg"],
  poweredByHeader: false,
  // Next otherwise loads every route's and page's modules at start: ~250 ms of CPU and ~9 MiB
  // of peak RSS before the first /healthz (issue 13). Each route is loaded on its first request.
  experimental: { preloadEntriesOnStart: false },
  typescript: { ignoreBuildErrors: false },
  // Pages opened from emailed links carry a token in their URL: never leak it onward.
  async headers() {
    const tokenPages = ["/share/:fileId/verify", "/auth/confirm", "/docs-access/:handle/verify"];
    return tokenPages.map((source) => ({
      source,
      headers: [
        { key: "Referrer-Policy", value: "no-referrer" },
        { key: "Cache-Control", value: "no-store" },
        { key: "X-Robots-Tag", value: "noindex" },
      ],
    }));
  },
};

export default nextConfig;
