import { fileUploadPartRoutes } from "@/lib/files/routes";

export const dynamic = "force-dynamic";

const routes = fileUploadPartRoutes("member");
export const GET = routes.GET;
export const POST = routes.POST;
