import { fileItemRoutes } from "@/lib/files/routes";

export const dynamic = "force-dynamic";

const routes = fileItemRoutes("member");
export const GET = routes.GET;
export const PATCH = routes.PATCH;
export const DELETE = routes.DELETE;
