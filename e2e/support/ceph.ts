import { execFileSync, spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "./server";

// A throwaway single-node Ceph cluster (one monitor, one in-memory OSD, the RADOS Gateway)
// on loopback: a real S3 server that checks signatures, lengths, types and preconditions,
// unlike s3rver. Needs Debian's `radosgw ceph-mon ceph-osd ceph-common` and root (no
// systemd: the daemons fork themselves and leave pid files in <dir>/run).

export interface CephS3 {
  /** http://127.0.0.1:PORT — path-style S3 endpoint. */
  endpoint: string;
  port: number;
  accessKeyId: string;
  secretAccessKey: string;
  dir: string;
  stop(): void;
}

export const cephAvailable = () => ["ceph-mon", "ceph-osd", "radosgw", "radosgw-admin"].every((tool) => whichOk(tool));

function whichOk(tool: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${tool}`], { stdio: "ignore" }).status === 0;
}

function cephConf(dir: string, fsid: string, monV2: number, monV1: number, rgwPort: number): string {
  return `[global]
fsid = ${fsid}
mon_host = [v2:127.0.0.1:${monV2},v1:127.0.0.1:${monV1}]
public_addr = 127.0.0.1
cluster_addr = 127.0.0.1
auth_cluster_required = cephx
auth_service_required = cephx
auth_client_required = cephx
keyring = ${dir}/$name.keyring
run_dir = ${dir}/run
admin_socket = ${dir}/run/$name.asok
pid_file = ${dir}/run/$name.pid
log_file = ${dir}/log/$name.log
mon_cluster_log_file = ${dir}/log/cluster.log
mon_data = ${dir}/mon/ceph-$id
osd_data = ${dir}/osd/ceph-$id
osd_objectstore = memstore
memstore_device_bytes = 2147483648
osd_pool_default_size = 1
osd_pool_default_min_size = 1
osd_pool_default_pg_num = 8
osd_pool_default_pgp_num = 8
osd_pool_default_pg_autoscale_mode = off
osd_crush_chooseleaf_type = 0
mon_allow_pool_size_one = true
mon_warn_on_pool_no_redundancy = false
mon_allow_pool_delete = true
ms_bind_ipv6 = false
mon_data_avail_warn = 1
mon_data_avail_crit = 0
auth_allow_insecure_global_id_reclaim = false
[client.rgw.x]
rgw_frontends = beast endpoint=127.0.0.1:${rgwPort}
rgw_data = ${dir}/rgw
`;
  // No rgw_dns_name: with it, a request to another host name of the gateway (the
  // browser-facing S3_PUBLIC_ENDPOINT) is read as a virtual-host bucket and answers 404.
}

async function waitFor(what: string, check: () => boolean | Promise<boolean>, seconds = 60): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`ceph: ${what} not ready after ${seconds} s`);
}

/** Starts the cluster and an S3 user; ~15 s. `stop()` kills the daemons and removes the folder. */
export async function startCephS3(): Promise<CephS3> {
  if (!cephAvailable()) throw new Error("ceph: install radosgw ceph-mon ceph-osd ceph-common (apt-get) first");
  const dir = mkdtempSync(path.join(os.tmpdir(), "gharart-ceph-"));
  for (const sub of ["run", "log", "mon/ceph-a", "osd/ceph-0", "rgw"]) mkdirSync(path.join(dir, sub), { recursive: true });
  const [monV2, monV1, port] = [await freePort(), await freePort(), await freePort()];
  const fsid = randomUUID();
  const conf = path.join(dir, "ceph.conf");
  writeFileSync(conf, cephConf(dir, fsid, monV2, monV1, port));
  const env = { ...process.env, CEPH_CONF: conf };
  const run = (tool: string, args: string[], input?: string) =>
    execFileSync(tool, args, { env, input, stdio: ["pipe", "pipe", "pipe"], timeout: 60_000 }).toString().trim();

  const stop = () => stopCeph(dir);
  try {
    const monKeyring = path.join(dir, "mon.a.keyring");
    const adminKeyring = path.join(dir, "client.admin.keyring");
    run("ceph-authtool", ["--create-keyring", monKeyring, "--gen-key", "-n", "mon.", "--cap", "mon", "allow *"]);
    run("ceph-authtool", ["--create-keyring", adminKeyring, "--gen-key", "-n", "client.admin",
      "--cap", "mon", "allow *", "--cap", "osd", "allow *", "--cap", "mgr", "allow *", "--cap", "mds", "allow *"]);
    run("ceph-authtool", [monKeyring, "--import-keyring", adminKeyring]);
    const monmap = path.join(dir, "monmap");
    run("monmaptool", ["--create", "--fsid", fsid, "--addv", "a", `[v2:127.0.0.1:${monV2},v1:127.0.0.1:${monV1}]`, monmap]);
    run("ceph-mon", ["--mkfs", "-i", "a", "--monmap", monmap, "--keyring", monKeyring]);
    run("ceph-mon", ["-i", "a"]);
    run("ceph", ["-s", "--connect-timeout", "30"]);

    const osdUuid = randomUUID();
    const osdKey = run("ceph-authtool", ["--gen-print-key"]);
    const osdId = run("ceph", ["osd", "new", osdUuid, "-i", "-"], JSON.stringify({ cephx_secret: osdKey }));
    run("ceph-authtool", ["--create-keyring", path.join(dir, `osd.${osdId}.keyring`), "-n", `osd.${osdId}`, "--add-key", osdKey]);
    run("ceph-osd", ["-i", osdId, "--mkfs", "--osd-uuid", osdUuid]);
    run("ceph-osd", ["-i", osdId]);
    await waitFor("osd", () => new RegExp(`^osd\\.${osdId} up`, "m").test(run("ceph", ["osd", "dump"])));

    run("ceph", ["auth", "get-or-create", "client.rgw.x", "mon", "allow rw", "osd", "allow rwx", "mgr", "allow rw",
      "-o", path.join(dir, "client.rgw.x.keyring")]);
    run("radosgw", ["-n", "client.rgw.x"]);
    const endpoint = `http://127.0.0.1:${port}`;
    await waitFor("radosgw", async () => (await fetch(endpoint).catch(() => null)) !== null);

    const accessKeyId = `AK${randomUUID().replace(/-/g, "").slice(0, 18).toUpperCase()}`;
    const secretAccessKey = `sk${randomUUID().replace(/-/g, "")}${randomUUID().replace(/-/g, "").slice(0, 6)}`;
    run("radosgw-admin", ["user", "create", "--uid", "gharart", "--display-name", "gharart",
      "--access-key", accessKeyId, "--secret-key", secretAccessKey]);
    return { endpoint, port, accessKeyId, secretAccessKey, dir, stop };
  } catch (error) {
    const logs = ["mon.a", "osd.0", "client.rgw.x"]
      .map((n) => path.join(dir, "log", `${n}.log`))
      .filter(existsSync)
      .map((f) => `--- ${f}\n${readFileSync(f, "utf8").slice(-1500)}`);
    stop();
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? "";
    throw new Error(`ceph: start failed: ${(error as Error).message}\n${stderr}\n${logs.join("\n")}`);
  }
}

/** Kills the daemons by their pid files (gateway first), then removes the folder. */
export function stopCeph(dir: string): void {
  for (const name of ["client.rgw.x", "osd.0", "mon.a"]) {
    const pidFile = path.join(dir, "run", `${name}.pid`);
    if (!existsSync(pidFile)) continue;
    const pid = Number(readFileSync(pidFile, "utf8").trim());
    try {
      process.kill(pid, "SIGKILL"); // memstore: nothing on disk worth a clean shutdown
    } catch {
      /* already gone */
    }
  }
  rmSync(dir, { recursive: true, force: true });
}

// `tsx e2e/support/ceph.ts` starts a cluster by hand and prints the env to use it.
if (process.argv[1]?.endsWith("ceph.ts")) {
  const s3 = await startCephS3();
  console.log(`S3_ENDPOINT=${s3.endpoint} S3_ACCESS_KEY_ID=${s3.accessKeyId} S3_SECRET_ACCESS_KEY=${s3.secretAccessKey} CEPH_DIR=${s3.dir}`);
  process.on("SIGINT", () => { s3.stop(); process.exit(0); });
  setInterval(() => {}, 1 << 30);
}
