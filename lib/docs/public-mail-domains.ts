// Domains where anyone can open a mailbox: allowlisting one of them lets the whole
// internet in. Refused on confidential policies (422) and flagged otherwise.
const PUBLIC_MAIL_DOMAINS = new Set([
  "gmail.com", "googlemail.com",
  "yahoo.com", "yahoo.co.uk", "yahoo.fr", "yahoo.de", "yahoo.co.jp", "yahoo.co.in", "ymail.com", "rocketmail.com",
  "outlook.com", "hotmail.com", "hotmail.co.uk", "hotmail.fr", "hotmail.de", "live.com", "live.co.uk", "msn.com", "passport.com",
  "icloud.com", "me.com", "mac.com",
  "aol.com", "aim.com",
  "proton.me", "protonmail.com", "protonmail.ch", "pm.me",
  "gmx.com", "gmx.de", "gmx.net", "gmx.at", "gmx.ch", "web.de",
  "mail.com", "email.com", "usa.com",
  "yandex.com", "yandex.ru", "ya.ru", "mail.ru", "bk.ru", "inbox.ru", "list.ru", "rambler.ru",
  "zoho.com", "zohomail.com",
  "tutanota.com", "tutanota.de", "tuta.io", "tuta.com",
  "fastmail.com", "fastmail.fm", "hey.com", "hushmail.com", "mailfence.com", "posteo.de", "posteo.net",
  "qq.com", "163.com", "126.com", "yeah.net", "sina.com", "sohu.com", "aliyun.com", "naver.com", "daum.net", "hanmail.net",
  "rediffmail.com", "libero.it", "virgilio.it", "laposte.net", "orange.fr", "free.fr", "wanadoo.fr", "t-online.de",
  "seznam.cz", "wp.pl", "o2.pl", "interia.pl", "onet.pl", "btinternet.com", "comcast.net", "verizon.net", "att.net",
  "sbcglobal.net", "cox.net", "bellsouth.net", "earthlink.net", "duck.com", "mailinator.com", "guerrillamail.com",
]);

/** `domain` is already canonical (lower-case ASCII). */
export function isPublicMailDomain(domain: string): boolean {
  return PUBLIC_MAIL_DOMAINS.has(domain);
}
