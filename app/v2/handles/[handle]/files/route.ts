import { fileCollectionRoutes } from "@/lib/files/routes";

export const dynamic = "force-dynamic";

const routes = fileCollectionRoutes("member");
export const GET = routes.GET;
export const POST = routes.POST;
