import { fileStatsRoutes } from "@/lib/files/routes";

export const dynamic = "force-dynamic";

export const GET = fileStatsRoutes("pat").GET;
