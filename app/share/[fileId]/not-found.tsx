import { ShareNotice, ShareShell } from "@/components/share-page/share-shell";
import { FileIcon } from "@/components/ui/icons";

export default function ShareNotFound() {
  return (
    <ShareShell>
      <ShareNotice tone="slate" icon={<FileIcon className="h-7 w-7" />} title="This file isn’t here">
        The link may be mistyped, or the file was deleted. Ask the person who shared it for a new link.
      </ShareNotice>
    </ShareShell>
  );
}
