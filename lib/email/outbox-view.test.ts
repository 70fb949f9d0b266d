import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { linkifySegments, outboxVisibleTo } from "./outbox-view";

describe("outboxVisibleTo", () => {
  it("allows loopback clients only", () => {
    for (const ip of ["127.0.0.1", "::1", "::ffff:127.0.0.1"]) assert.equal(outboxVisibleTo(ip, {}), true, ip);
    for (const ip of [null, undefined, "", "10.0.0.1", "::ffff:10.0.0.1", "127.0.0.1, 1.2.3.4", "1.2.3.4, 127.0.0.1", "localhost", "0.0.0.0"]) {
      assert.equal(outboxVisibleTo(ip, {}), false, String(ip));
    }
  });

  it("OUTBOX_PUBLIC=true opens it to everyone; anything else does not", () => {
    assert.equal(outboxVisibleTo("1.2.3.4", { OUTBOX_PUBLIC: "true" }), true);
    assert.equal(outboxVisibleTo("1.2.3.4", { OUTBOX_PUBLIC: "false" }), false);
    assert.equal(outboxVisibleTo("1.2.3.4", { OUTBOX_PUBLIC: "yes" }), false);
  });
});

describe("linkifySegments", () => {
  const app = "https://files.example.com";
  const join = (s: ReturnType<typeof linkifySegments>) => s.map((x) => (x.kind === "link" ? x.href : x.value)).join("");
  const links = (s: ReturnType<typeof linkifySegments>) => s.filter((x) => x.kind === "link").map((x) => (x as { href: string }).href);

  it("links URLs under APP_URL and keeps every character of the text", () => {
    const text = "Open:\n\nhttps://files.example.com/share/f/verify?token=a&b=c\n\nThanks.";
    const segments = linkifySegments(text, app);
    assert.deepEqual(links(segments), ["https://files.example.com/share/f/verify?token=a&b=c"]);
    assert.equal(join(segments), text);
  });

  it("does not link other origins, look-alike hosts or other schemes", () => {
    const text = [
      "https://evil.com/x",
      "https://files.example.com.evil.net/x",
      "https://files.example.com@evil.net/x",
      "http://files.example.com/x",
      "javascript:alert(1)",
      "<a href=\"https://files.example.com/x\">",
    ].join("\n");
    const segments = linkifySegments(text, app);
    assert.deepEqual(links(segments), ["https://files.example.com/x"]); // from the last line, quote excluded
    assert.equal(join(segments), text);
  });

  it("drops trailing punctuation from a link", () => {
    const text = "See https://files.example.com/a/b. Or (https://files.example.com/c).";
    const segments = linkifySegments(text, app);
    assert.deepEqual(links(segments), ["https://files.example.com/a/b", "https://files.example.com/c"]);
    assert.equal(join(segments), text);
  });

  it("accepts APP_URL with a trailing slash", () => {
    assert.deepEqual(links(linkifySegments("https://files.example.com/x", `${app}/`)), ["https://files.example.com/x"]);
  });
});
