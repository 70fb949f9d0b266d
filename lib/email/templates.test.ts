import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { resetConfigForTests } from "../config";
import { docsMagicLinkEmail, escapeHtml, fileMagicLinkEmail, signInEmail, type MailContent } from "./templates";

const APP_URL = "https://files.example.com";
const savedAppUrl = process.env.APP_URL;
const url = (p: string) => `${APP_URL}${p}`;

before(() => {
  process.env.APP_URL = APP_URL;
  resetConfigForTests();
});
after(() => {
  if (savedAppUrl === undefined) delete process.env.APP_URL;
  else process.env.APP_URL = savedAppUrl;
  resetConfigForTests();
});

const hrefs = (html: string) => [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);

function assertCommon(mail: MailContent, link: string): void {
  assert.ok(mail.text.split("\n").includes(link), "full link alone on a line of the text part");
  assert.match(mail.text, /expires in 10 minutes/);
  assert.match(mail.text, /used once/);
  assert.match(mail.html, /expires in 10 minutes/);
  assert.match(mail.html, /Gharart Files/);
  const escaped = escapeHtml(link);
  assert.deepEqual(hrefs(mail.html), [escaped, escaped], "button and text link both point at the link");
  assert.ok(mail.html.includes(`>${escaped}</a>`), "the full link is shown as text");
  assert.doesNotMatch(mail.subject, /[\r\n]/);
}

describe("email templates", () => {
  it("signInEmail", () => {
    const link = url("/auth/confirm?token=abc&callbackUrl=%2F");
    const mail = signInEmail({ url: link });
    assertCommon(mail, link);
    assert.equal(mail.subject, "Sign in to Gharart Files");
    assert.ok(mail.html.includes("token=abc&#38;callbackUrl"), "& is escaped inside href");
  });

  it("fileMagicLinkEmail escapes the file name and handle everywhere", () => {
    const link = url("/share/fil_1/verify?token=xyz");
    const fileName = `<img src=x onerror=alert(1)>"quote'.pdf`;
    const mail = fileMagicLinkEmail({ url: link, fileName, handle: "<b>acme</b>" });
    assertCommon(mail, link);
    assert.ok(!mail.html.includes("<img"), "no raw tag from the file name");
    assert.ok(!mail.html.includes("<b>acme"), "no raw tag from the handle");
    assert.ok(mail.html.includes("&#60;img src=x onerror=alert(1)&#62;&#34;quote&#39;.pdf"));
    assert.ok(mail.text.includes(fileName), "plain text keeps the name as typed");
    assert.ok(mail.subject.includes(fileName), "subject is plain text: unescaped, unchanged when harmless");
  });

  it("file names cannot inject lines or bidi tricks into subject or text", () => {
    const mail = fileMagicLinkEmail({ url: url("/share/f/verify?token=t"), fileName: "a\r\nBcc: x@evil.com\u202egpj.exe", handle: "acme" });
    assert.doesNotMatch(mail.subject, /[\r\n\u202e]/);
    assert.ok(!mail.text.includes("\u202e"));
    assert.ok(!mail.text.split("\n").some((l) => l.startsWith("Bcc:")));
  });

  it("long file names are shortened in the subject", () => {
    const mail = fileMagicLinkEmail({ url: url("/share/f/verify?token=t"), fileName: "x".repeat(180), handle: "acme" });
    assert.ok(mail.subject.length < 120);
  });

  it("docsMagicLinkEmail", () => {
    const link = url("/docs/acme/verify?token=q");
    const mail = docsMagicLinkEmail({ url: link, handle: "acme" });
    assertCommon(mail, link);
    assert.match(mail.subject, /acme/);
  });

  it("refuses links outside APP_URL (docs/security.md M5)", () => {
    for (const bad of [
      "https://evil.com/share/f/verify?token=t",
      "https://files.example.com.evil.com/x",
      "https://files.example.com@evil.com/x",
      "http://files.example.com/x",
      "https://files.example.com",
      "javascript:alert(1)",
      `${APP_URL}/x"><script>`,
      `${APP_URL}/x\r\nBcc: a@evil.com`,
    ]) {
      assert.throws(() => signInEmail({ url: bad }), TypeError, bad);
    }
  });
});
