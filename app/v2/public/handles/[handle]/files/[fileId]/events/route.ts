import { fileEventRoutes } from "@/lib/files/routes";

export const dynamic = "force-dynamic";

export const GET = fileEventRoutes("pat").GET;
