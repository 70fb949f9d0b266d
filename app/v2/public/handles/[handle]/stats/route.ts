import { handleStatsRoutes } from "@/lib/files/routes";

export const dynamic = "force-dynamic";

export const GET = handleStatsRoutes("pat").GET;
