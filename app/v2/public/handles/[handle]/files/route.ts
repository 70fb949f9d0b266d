import { fileCollectionRoutes } from "@/lib/files/routes";

export const dynamic = "force-dynamic";

const routes = fileCollectionRoutes("pat");
export const GET = routes.GET;
export const POST = routes.POST;
