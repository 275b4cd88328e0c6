/**
 * The deployment files, kept honest without a container engine: every setting they name is one
 * src/config.ts reads, and each workload's settings start the bot without a complaint; every probe path is
 * served (asked of the compiled bot started with that workload's settings); the command is the one the
 * end-to-end tests start. The Dockerfile's build and runtime steps run in production.test.ts.
 * Over 300 lines because it reads every deployment file (compose, Kubernetes, systemd) against one config.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, parseAllDocuments } from "yaml";
import { readConfig, type Config } from "../../src/config.js";
import { TEST_TOKEN } from "../../testkit/bot-process.js";
import { setUpFake, type E2eSetup } from "../../testkit/e2e-setup.js";
import {
  CONFIG_SETTINGS as SETTINGS,
  ROOT,
  RUNTIME_COMMAND,
  execForm,
  parseDockerfile,
  parseUnitFile,
  readRepoFile,
} from "../deploy-files.js";

const PUBLIC_KEY = "ab".repeat(32);
/** Test values for the Secret's keys. */
const SECRETS: Record<string, string> = { DISCORD_TOKEN: TEST_TOKEN, DISCORD_PUBLIC_KEY: PUBLIC_KEY };

// ─── Kubernetes ──────────────────────────────────────────────────────────────────────────────────────

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string }; configMapKeyRef?: { name: string; key: string } };
}
interface Probe {
  httpGet: { path: string; port: string | number };
}
interface Container {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  ports?: { name: string; containerPort: number }[];
  env?: EnvVar[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  startupProbe?: Probe;
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
}
interface PodTemplate {
  metadata: { labels: Record<string, string> };
  spec: { containers: Container[]; securityContext?: { runAsNonRoot?: boolean } };
}
interface K8sObject {
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  data?: Record<string, string>;
  stringData?: Record<string, string>;
  spec: {
    replicas?: number;
    serviceName?: string;
    template?: PodTemplate;
    selector?: { matchLabels?: Record<string, string> } & Record<string, string>;
    scaleTargetRef?: { kind: string; name: string };
    clusterIP?: string;
    ports?: { port: number; targetPort: string | number }[];
    minReplicas?: number;
  };
}

function manifests(file: string): K8sObject[] {
  return parseAllDocuments(readRepoFile(file)).map((document) => document.toJS() as K8sObject);
}
const SHARED = manifests("deploy/kubernetes/settings.yaml");
const HTTP = manifests("deploy/kubernetes/http.yaml");
const GATEWAY = manifests("deploy/kubernetes/gateway.yaml");
const ALL = [...SHARED, ...HTTP, ...GATEWAY];

function one(objects: readonly K8sObject[], kind: string): K8sObject {
  const found = objects.filter((object) => object.kind === kind);
  expect(found, kind).toHaveLength(1);
  return found[0]!;
}
const containerOf = (workload: K8sObject): Container => {
  const containers = workload.spec.template?.spec.containers ?? [];
  expect(containers).toHaveLength(1);
  return containers[0]!;
};

/** The environment a container gets: its ConfigMaps' data, then its own entries (Secrets as test values). */
function environmentOf(container: Container): Record<string, string> {
  const env: Record<string, string> = {};
  for (const source of container.envFrom ?? []) {
    const map = ALL.find((o) => o.kind === "ConfigMap" && o.metadata.name === source.configMapRef?.name);
    expect(map, `ConfigMap ${source.configMapRef?.name}`).toBeDefined();
    Object.assign(env, map?.data);
  }
  for (const variable of container.env ?? []) {
    const secret = variable.valueFrom?.secretKeyRef;
    if (secret !== undefined) {
      const stored = ALL.find((o) => o.kind === "Secret" && o.metadata.name === secret.name);
      expect(stored?.stringData, `Secret ${secret.name}`).toHaveProperty(secret.key);
      env[variable.name] = SECRETS[secret.key] ?? "";
    } else {
      expect(variable.value, `${variable.name} has a value`).toBeTypeOf("string");
      env[variable.name] = variable.value ?? "";
    }
  }
  return env;
}

function probesOf(container: Container): { kind: string; path: string; port: number }[] {
  return (["startupProbe", "readinessProbe", "livenessProbe"] as const).flatMap((kind) => {
    const probe = container[kind];
    if (probe === undefined) return [];
    const { port } = probe.httpGet;
    const number = typeof port === "number" ? port : container.ports?.find((p) => p.name === port)?.containerPort;
    expect(number, `${kind}'s port ${port}`).toBeTypeOf("number");
    return [{ kind, path: probe.httpGet.path, port: number ?? 0 }];
  });
}

const selects = (selector: Record<string, string> | undefined, labels: Record<string, string>): boolean =>
  selector !== undefined &&
  Object.keys(selector).length > 0 &&
  Object.entries(selector).every(([key, value]) => labels[key] === value);

// ─── compose.yaml ────────────────────────────────────────────────────────────────────────────────────

interface ComposeService {
  build?: string;
  image?: string;
  command?: unknown;
  entrypoint?: unknown;
  environment?: Record<string, string>;
  volumes?: string[];
  deploy?: { replicas?: number };
}
const COMPOSE = parse(readRepoFile("compose.yaml")) as { services: Record<string, ComposeService> };

/** Compose's `${NAME:-default}` and `${NAME:?error}` with nothing set in .env but the Secret's test values. */
function interpolate(value: string): string {
  return value.replace(/\$\{([A-Z_]+)(?::([-?])([^}]*))?\}/g, (_, name: string, op?: string, rest?: string) => {
    const given = SECRETS[name];
    if (given !== undefined) return given;
    if (op === "?") throw new Error(`compose needs ${name}: ${rest}`);
    return op === "-" ? (rest ?? "") : "";
  });
}

// ─── the checks ──────────────────────────────────────────────────────────────────────────────────────

describe("every setting the deployment files name is one the bot reads", () => {
  it("Kubernetes: ConfigMap, Secret and env entries", () => {
    const names = [
      ...ALL.flatMap((o) => Object.keys({ ...o.data, ...o.stringData })),
      ...[...HTTP, ...GATEWAY]
        .filter((o) => o.spec.template !== undefined)
        .flatMap((o) => (containerOf(o).env ?? []).map((variable) => variable.name)),
    ];
    expect(names.length).toBeGreaterThan(8);
    expect(names.filter((name) => !SETTINGS.has(name))).toEqual([]);
  });

  it("compose.yaml", () => {
    const names = Object.values(COMPOSE.services).flatMap((service) => Object.keys(service.environment ?? {}));
    expect(names.filter((name) => !SETTINGS.has(name))).toEqual([]);
  });

  it(".env.example, the systemd unit's EnvironmentFile, is KEY=value lines of settings", () => {
    const lines = readRepoFile(".env.example")
      .split("\n")
      .filter((line) => line.trim() !== "" && !line.startsWith("#"));
    for (const line of lines) expect(line).toMatch(/^[A-Z][A-Z0-9_]*=\S*$/);
    expect(lines.map((line) => line.split("=")[0]).filter((name) => !SETTINGS.has(name ?? ""))).toEqual([]);
  });
});

describe("each workload's settings start the bot in its mode, with nothing ignored", () => {
  const check = (env: Record<string, string>, mode: "http" | "gateway"): Config => {
    const config = readConfig(env);
    expect(config.transport.mode).toBe(mode);
    expect(config.ignored).toEqual([]);
    return config;
  };

  it("the HTTP Deployment", () => {
    check(environmentOf(containerOf(one(HTTP, "Deployment"))), "http");
  });

  it("compose.yaml's replicas", () => {
    const env = Object.fromEntries(
      Object.entries(COMPOSE.services.verbatim?.environment ?? {}).map(([name, value]) => [name, interpolate(value)]),
    );
    check(env, "http");
    expect(() => interpolate("${DISCORD_TOKEN_MISSING:?set it}")).toThrow(/needs DISCORD_TOKEN_MISSING/);
  });

  it("the gateway StatefulSet: each pod runs its own shard range, and together they run every shard", () => {
    const statefulSet = one(GATEWAY, "StatefulSet");
    const env = environmentOf(containerOf(statefulSet));
    const replicas = statefulSet.spec.replicas ?? 1;
    expect(replicas).toBeGreaterThan(1);
    const ranges = Array.from({ length: replicas }, (_, ordinal) => {
      const { transport } = check({ ...env, HOSTNAME: `${statefulSet.metadata.name}-${ordinal}` }, "gateway");
      expect(transport.mode === "gateway" && transport.sharding.role).toBe("slice");
      return transport.mode === "gateway" && transport.sharding.role === "slice" ? transport.sharding : undefined;
    });
    const count = Number(env.SHARD_COUNT);
    expect(ranges.flatMap((range) => range?.shardIds ?? [])).toEqual(Array.from({ length: count }, (_, id) => id));
    expect(ranges[1]).toEqual({ role: "slice", shardIds: [2, 3], shardCount: 4 });
  });
});

describe("the Kubernetes objects fit together", () => {
  it("the HTTP Deployment: probes on /healthz, resources, a Service, an autoscaler and a disruption budget", () => {
    const deployment = one(HTTP, "Deployment");
    const labels = deployment.spec.template?.metadata.labels ?? {};
    const container = containerOf(deployment);
    expect(probesOf(container).map((probe) => `${probe.kind} ${probe.path}`)).toEqual([
      "startupProbe /healthz",
      "readinessProbe /healthz",
      "livenessProbe /healthz",
    ]);
    expect(container.resources?.requests).toMatchObject({ cpu: expect.any(String), memory: expect.any(String) });
    expect(container.resources?.limits).toMatchObject({ memory: expect.any(String) });
    const service = one(HTTP, "Service");
    expect(selects(service.spec.selector, labels)).toBe(true);
    expect(container.ports?.map((port) => port.name)).toContain(service.spec.ports?.[0]?.targetPort);
    const autoscaler = one(HTTP, "HorizontalPodAutoscaler");
    expect(autoscaler.spec.scaleTargetRef).toMatchObject({ kind: "Deployment", name: deployment.metadata.name });
    expect(autoscaler.spec.minReplicas).toBeGreaterThanOrEqual(2);
    expect(selects(one(HTTP, "PodDisruptionBudget").spec.selector?.matchLabels, labels)).toBe(true);
  });

  it("the gateway StatefulSet: its governing headless Service, readiness on /healthz, liveness on /livez", () => {
    const statefulSet = one(GATEWAY, "StatefulSet");
    const labels = statefulSet.spec.template?.metadata.labels ?? {};
    const service = one(GATEWAY, "Service");
    expect(service.metadata.name).toBe(statefulSet.spec.serviceName);
    expect(service.spec.clusterIP).toBe("None");
    expect(selects(service.spec.selector, labels)).toBe(true);
    expect(selects(one(GATEWAY, "PodDisruptionBudget").spec.selector?.matchLabels, labels)).toBe(true);
    expect(probesOf(containerOf(statefulSet)).map((probe) => `${probe.kind} ${probe.path}`)).toEqual([
      "readinessProbe /healthz",
      "livenessProbe /livez",
    ]);
  });

  it("every pod runs the image's command as a user other than root", () => {
    for (const workload of [one(HTTP, "Deployment"), one(GATEWAY, "StatefulSet")]) {
      const container = containerOf(workload);
      expect(container.command ?? container.args, workload.metadata.name).toBeUndefined();
      expect(workload.spec.template?.spec.securityContext?.runAsNonRoot).toBe(true);
    }
  });
});

describe("the Dockerfile, compose.yaml and the systemd unit", () => {
  const stages = parseDockerfile(readRepoFile("Dockerfile"));
  const runtime = stages.at(-1)!;
  const last = (keyword: string): string => runtime.instructions.findLast((i) => i.keyword === keyword)?.args ?? "";

  it("the image: a build stage, a slim runtime as a user other than root, behind tini, with a HEALTHCHECK", () => {
    expect(stages.map((stage) => stage.name)).toEqual(["build", "runtime"]);
    expect(runtime.image).toMatch(/^node:20-.*slim$/);
    expect(last("USER")).toBe("node");
    expect(execForm(last("ENTRYPOINT"))).toEqual(["/usr/bin/tini", "--"]);
    expect(execForm(last("CMD"))).toEqual(RUNTIME_COMMAND);
    const healthcheck = execForm(last("HEALTHCHECK").replace(/^.*?\bCMD\s+/, ""));
    expect(healthcheck).toEqual(["node", "dist/src/cli/healthcheck.js"]);
    expect(existsSync(path.join(ROOT, "src/cli/healthcheck.ts"))).toBe(true);
    expect(readRepoFile(".dockerignore").split("\n")).toContain(".env");
    // What it exposes is MODE=http's default port.
    const http = readConfig({ MODE: "http", DISCORD_PUBLIC_KEY: PUBLIC_KEY }).transport;
    expect(last("EXPOSE")).toBe(String(http.mode === "http" ? http.port : undefined));
  });

  it("compose.yaml: two HTTP replicas of the image, sharing the content folder, behind nginx", () => {
    const { verbatim: bot, proxy } = COMPOSE.services;
    expect(bot).toMatchObject({ build: ".", deploy: { replicas: 2 } });
    expect(bot?.command ?? bot?.entrypoint).toBeUndefined();
    const contentDir = bot?.environment?.CONTENT_DIR;
    expect(bot?.volumes?.map((volume) => volume.split(":")[1])).toContain(contentDir);
    const nginxConf = proxy?.volumes?.find((volume) => volume.includes("nginx"))?.split(":")[0] ?? "";
    const nginx = readRepoFile(nginxConf);
    expect(nginx).toContain(`server verbatim:${bot?.environment?.PORT};`);
    // Interactions and the web pages (with /healthz) pass; /metrics stays inside.
    expect([...nginx.matchAll(/location (?:= )?(\S+) \{\s*proxy_pass/g)].map((match) => match[1])).toEqual([
      "/interactions",
      "/",
    ]);
    expect(nginx).toMatch(/location = \/metrics \{\s*return 404;/);
  });

  it("the systemd unit runs node on the built files, as its own user, restarting on failure", () => {
    const unit = parseUnitFile(readRepoFile("deploy/systemd/verbatim.service"));
    const service = unit.get("Service");
    const [node = "", ...args] = service?.get("ExecStart")?.[0]?.split(/\s+/) ?? [];
    expect([path.basename(node), ...args]).toEqual(RUNTIME_COMMAND);
    expect(service?.get("User")?.[0]).not.toMatch(/^(root|0)?$/);
    expect(service?.get("WorkingDirectory")).toHaveLength(1);
    expect(service?.get("EnvironmentFile")).toHaveLength(1);
    expect(service?.get("Restart")).toEqual(["on-failure"]);
    expect(service?.get("KillSignal")).toEqual(["SIGTERM"]);
    expect(unit.get("Install")?.get("WantedBy")).toEqual(["multi-user.target"]);
  });
});

describe("every probe path is served by the bot started with the workload's settings", () => {
  let e2e: E2eSetup;
  beforeAll(async () => {
    // The StatefulSet's pod runs two shards: two identify buckets let them identify together.
    e2e = await setUpFake({ content: "seed", discord: { maxConcurrency: 2 } });
  });
  afterAll(() => e2e?.stop());

  /** The workload's settings, pointed at the fake Discord (the ConfigMap's empty DISCORD_API_URL means Discord). */
  const onFake = (env: Record<string, string>) => ({
    ...env,
    DISCORD_API_URL: e2e.fake.apiUrl,
    DISCORD_GUILD_ID: e2e.fake.ids.guild,
  });

  async function answers(port: unknown, paths: readonly string[]): Promise<Record<string, number>> {
    const statuses: Record<string, number> = {};
    for (const probe of paths) statuses[probe] = (await fetch(`http://127.0.0.1:${String(port)}${probe}`)).status;
    return statuses;
  }

  it("HTTP mode (the Deployment)", async () => {
    const container = containerOf(one(HTTP, "Deployment"));
    const env = onFake({ ...environmentOf(container), PORT: "0" });
    const bot = await e2e.startBot({ env, readyMessage: "listening for interactions" });
    const port = bot.logs.find((line) => line.msg === "listening for interactions")?.port;
    const paths = probesOf(container).map((probe) => probe.path);
    expect(await answers(port, paths)).toEqual(Object.fromEntries(paths.map((p) => [p, 200])));
  });

  it("gateway mode (the StatefulSet's first pod)", async () => {
    const statefulSet = one(GATEWAY, "StatefulSet");
    const container = containerOf(statefulSet);
    const env = onFake({ ...environmentOf(container), HOSTNAME: `${statefulSet.metadata.name}-0`, HTTP_PORT: "0" });
    const bot = await e2e.startBot({ env });
    const port = bot.logs.find((line) => line.msg === "operations server listening (/healthz, /metrics)")?.port;
    const paths = probesOf(container).map((probe) => probe.path);
    expect(await answers(port, paths)).toEqual(Object.fromEntries(paths.map((p) => [p, 200])));
  });
});
