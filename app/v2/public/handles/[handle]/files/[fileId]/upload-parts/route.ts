import { fileUploadPartRoutes } from "@/lib/files/routes";

export const dynamic = "force-dynamic";

const routes = fileUploadPartRoutes("pat");
export const GET = routes.GET;
export const POST = routes.POST;
