// A handful of inline icons (no icon dependency). Decorative: hidden from assistive tech.
type IconProps = { className?: string };

function Svg({ className = "h-4 w-4", children }: IconProps & { children: React.ReactNode }) {
  return (
    <svg aria-hidden="true" focusable="false" viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth={1.6}
      strokeLinecap="round" strokeLinejoin="round" className={className}>
      {children}
    </svg>
  );
}

export const UploadIcon = (p: IconProps) => <Svg {...p}><path d="M10 13V3m0 0L6 7m4-4 4 4M3 13v2.5A1.5 1.5 0 0 0 4.5 17h11a1.5 1.5 0 0 0 1.5-1.5V13" /></Svg>;
export const CopyIcon = (p: IconProps) => <Svg {...p}><rect x="7" y="7" width="10" height="10" rx="1.5" /><path d="M13 7V4.5A1.5 1.5 0 0 0 11.5 3h-7A1.5 1.5 0 0 0 3 4.5v7A1.5 1.5 0 0 0 4.5 13H7" /></Svg>;
export const CheckIcon = (p: IconProps) => <Svg {...p}><path d="m4 10.5 4 4 8-9" /></Svg>;
export const TrashIcon = (p: IconProps) => <Svg {...p}><path d="M3.5 5.5h13M8 5.5V4a1 1 0 0 1 1-1h2a1 1 0 0 1 1 1v1.5M5 5.5l.8 10.6A1.5 1.5 0 0 0 7.3 17.5h5.4a1.5 1.5 0 0 0 1.5-1.4L15 5.5" /></Svg>;
export const FileIcon = (p: IconProps) => <Svg {...p}><path d="M11.5 2.5H6A1.5 1.5 0 0 0 4.5 4v12A1.5 1.5 0 0 0 6 17.5h8a1.5 1.5 0 0 0 1.5-1.5V6.5z" /><path d="M11.5 2.5v4h4" /></Svg>;
export const GlobeIcon = (p: IconProps) => <Svg {...p}><circle cx="10" cy="10" r="7.5" /><path d="M2.5 10h15M10 2.5c2 2.2 3 4.7 3 7.5s-1 5.3-3 7.5c-2-2.2-3-4.7-3-7.5s1-5.3 3-7.5z" /></Svg>;
export const LockIcon = (p: IconProps) => <Svg {...p}><rect x="4" y="9" width="12" height="8.5" rx="1.5" /><path d="M6.5 9V6.5a3.5 3.5 0 0 1 7 0V9" /></Svg>;
export const ClockIcon = (p: IconProps) => <Svg {...p}><circle cx="10" cy="10" r="7.5" /><path d="M10 5.5V10l3 2" /></Svg>;
export const AlertIcon = (p: IconProps) => <Svg {...p}><path d="M10 3 2.5 16.5h15z" /><path d="M10 8.5v3.5m0 2.2v.1" /></Svg>;
export const CloseIcon = (p: IconProps) => <Svg {...p}><path d="m5 5 10 10M15 5 5 15" /></Svg>;
export const LinkIcon = (p: IconProps) => <Svg {...p}><path d="M8.5 11.5a3 3 0 0 0 4.2 0l2.6-2.6a3 3 0 0 0-4.2-4.2l-.9.9" /><path d="M11.5 8.5a3 3 0 0 0-4.2 0l-2.6 2.6a3 3 0 0 0 4.2 4.2l.9-.9" /></Svg>;
export const ActivityIcon = (p: IconProps) => <Svg {...p}><path d="M2.5 10h3l2-5 5 10 2-5h3" /></Svg>;
export const SettingsIcon = (p: IconProps) => <Svg {...p}><path d="M3 5.5h8m4 0h2M3 14.5h2m4 0h8" /><circle cx="13" cy="5.5" r="2" /><circle cx="7" cy="14.5" r="2" /></Svg>;
export const DownloadIcon = (p: IconProps) => <Svg {...p}><path d="M10 3v10m0 0-4-4m4 4 4-4M3 14v1.5A1.5 1.5 0 0 0 4.5 17h11a1.5 1.5 0 0 0 1.5-1.5V14" /></Svg>;
export const MailIcon = (p: IconProps) => <Svg {...p}><rect x="2.5" y="4.5" width="15" height="11" rx="1.5" /><path d="m3 5.5 7 5.5 7-5.5" /></Svg>;
export const KeyIcon = (p: IconProps) => <Svg {...p}><circle cx="7" cy="12" r="3.5" /><path d="m9.5 9.5 7-7m-2.5 2.5 2 2m-4 0 1.5 1.5" /></Svg>;
export const UsersIcon = (p: IconProps) => <Svg {...p}><circle cx="7.5" cy="7" r="3" /><path d="M2 16.5c.6-2.8 2.8-4.5 5.5-4.5s4.9 1.7 5.5 4.5" /><path d="M13 4.2a3 3 0 0 1 0 5.6m2 2.4c1.4.7 2.4 2.1 2.8 4.3" /></Svg>;
export const BookIcon = (p: IconProps) => <Svg {...p}><path d="M3.5 4.5A1.5 1.5 0 0 1 5 3h11.5v12H5a1.5 1.5 0 0 0-1.5 1.5z" /><path d="M3.5 16.5A1.5 1.5 0 0 0 5 18h11.5v-3" /></Svg>;
export const ChevronDownIcon = (p: IconProps) => <Svg {...p}><path d="m5 7.5 5 5 5-5" /></Svg>;
export const PlusIcon = (p: IconProps) => <Svg {...p}><path d="M10 4v12M4 10h12" /></Svg>;
export const RefreshIcon = (p: IconProps) => <Svg {...p}><path d="M16 10a6 6 0 1 1-1.8-4.3M16 3.5V6h-2.5" /></Svg>;
