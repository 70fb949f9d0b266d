import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite is WASM with its own file loading; the adapters must stay plain Node modules.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "pg", "@prisma/adapter-pg"],
  poweredByHeader: false,
  typescript: { ignoreBuildErrors: false },
};

export default nextConfig;
