import { invitationRoutes } from "@/lib/files/routes";

export const dynamic = "force-dynamic";

export const POST = invitationRoutes("member").POST;
