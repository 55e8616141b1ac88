/**
 * Is a required recurrent layer on the path from the input to the output? Read off the
 * validated topology: in a Sequential model every layer is; in a functional one, the layers
 * the output depends on (following inbound nodes back from the output layers). A layer
 * "holds" a class when it is that layer, an RNN over that cell (or stacked cells), a
 * wrapper around one (Bidirectional, TimeDistributed), or a nested model with one on its path.
 */

type Node = { class_name?: unknown; name?: unknown; config?: unknown; inbound_nodes?: unknown };
type Config = { layers?: unknown; layer?: unknown; cell?: unknown; cells?: unknown; output_layers?: unknown; name?: unknown };

const asNode = (v: unknown): Node => (v && typeof v === "object" ? (v as Node) : {});
const asConfig = (v: unknown): Config => (v && typeof v === "object" ? (v as Config) : {});
const MODEL = new Set(["Sequential", "Model", "Functional"]);

function cellHolds(cell: unknown, className: string): boolean {
  const c = asNode(cell);
  if (c.class_name === `${className}Cell`) return true;
  if (c.class_name === "StackedRNNCells") {
    const cells = asConfig(c.config).cells;
    return Array.isArray(cells) && cells.some((inner) => cellHolds(inner, className));
  }
  return false;
}

function holds(entry: unknown, className: string): boolean {
  const node = asNode(entry);
  const config = asConfig(node.config);
  if (node.class_name === className) return true;
  if (typeof node.class_name === "string" && MODEL.has(node.class_name)) return modelHoldsOnPath(node, className);
  if (config.cell && cellHolds(config.cell, className)) return true;
  if (config.layer) return holds(config.layer, className);
  return false;
}

/** Names of the layers the model's outputs depend on. */
function layersOnPath(layers: Node[], outputs: unknown): Set<string> {
  const byName = new Map(layers.map((l) => [String(l.name ?? asConfig(l.config).name), l]));
  const onPath = new Set<string>();
  const stack = Array.isArray(outputs) ? outputs.map((o) => (Array.isArray(o) ? String(o[0]) : String(o))) : [];
  while (stack.length) {
    const name = stack.pop()!;
    if (onPath.has(name)) continue;
    onPath.add(name);
    const inbound = byName.get(name)?.inbound_nodes;
    if (!Array.isArray(inbound)) continue;
    for (const call of inbound) {
      if (!Array.isArray(call)) continue;
      for (const input of call) if (Array.isArray(input)) stack.push(String(input[0]));
    }
  }
  return onPath;
}

export function modelHoldsOnPath(topology: unknown, className: string): boolean {
  const root = asNode(topology);
  // Sequential configs come as { layers } (or, in old files, as the list itself).
  const config = Array.isArray(root.config) ? { layers: root.config } : asConfig(root.config);
  const layers = Array.isArray(config.layers) ? config.layers.map(asNode) : [];
  if (root.class_name === "Sequential") return layers.some((l) => holds(l, className));
  const onPath = layersOnPath(layers, config.output_layers);
  return layers.some((l) => onPath.has(String(l.name ?? asConfig(l.config).name)) && holds(l, className));
}
