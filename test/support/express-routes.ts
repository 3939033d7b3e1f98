// Every route of an Express router, with the paths of the routers it is mounted under,
// read from Express itself: the access tables try each one, so no route is forgotten.

export interface RouteEntry {
  method: string;
  path: string;
}

export interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
  rawPath?: unknown;
}

export function routesOf(stack: Layer[], prefix = ''): RouteEntry[] {
  return stack.flatMap((layer): RouteEntry[] => {
    if (layer.route) {
      const path = `${prefix}${layer.route.path === '/' ? '' : layer.route.path}` || '/';
      return Object.keys(layer.route.methods).map((method) => ({ method: method.toUpperCase(), path }));
    }
    if (layer.handle?.stack) return routesOf(layer.handle.stack, `${prefix}${typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : ''}`);
    return [];
  });
}
