// Composes the subgraphs listed in supergraph.yaml into supergraph.graphql,
// for a local gateway or router. Each subgraph's schema comes from a file
// (`schema.file`) or from a running subgraph (`schema.subgraph_url`, which is
// asked for `_service { sdl }`). Exits non-zero on any composition error.
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { composeServices } from "@apollo/composition";
import { parse } from "graphql";
import YAML from "yaml";

const configFile = path.resolve(process.argv[2] ?? "supergraph.yaml");
const outputFile = path.resolve(process.argv[3] ?? "supergraph.graphql");

async function loadSdl(name, schema) {
  if (schema?.file) return readFile(path.resolve(path.dirname(configFile), schema.file), "utf8");
  if (schema?.subgraph_url) {
    const response = await fetch(schema.subgraph_url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ _service { sdl } }" }),
      signal: AbortSignal.timeout(10_000),
    });
    const body = await response.json();
    if (!body.data?._service?.sdl) throw new Error(`Subgraph ${name} at ${schema.subgraph_url} did not return its SDL.`);
    return body.data._service.sdl;
  }
  throw new Error(`Subgraph ${name} needs schema.file or schema.subgraph_url in ${configFile}.`);
}

const config = YAML.parse(await readFile(configFile, "utf8"));
const services = [];
for (const [name, subgraph] of Object.entries(config.subgraphs ?? {})) {
  services.push({ name, url: subgraph.routing_url, typeDefs: parse(await loadSdl(name, subgraph.schema)) });
}
if (services.length === 0) {
  console.error(`${configFile} lists no subgraphs.`);
  process.exit(1);
}

const result = composeServices(services);
for (const hint of result.hints ?? []) console.warn(`hint ${hint.definition.code}: ${hint.message}`);
if (result.errors) {
  for (const error of result.errors) console.error(`error: ${error.message}`);
  process.exit(1);
}
await writeFile(outputFile, result.supergraphSdl);
console.log(`Wrote ${path.relative(process.cwd(), outputFile)} from ${services.length} subgraph(s): ${services.map((service) => service.name).join(", ")}.`);
