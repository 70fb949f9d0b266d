import { fileCompleteRoutes } from "@/lib/files/routes";

export const dynamic = "force-dynamic";

export const POST = fileCompleteRoutes("pat").POST;
