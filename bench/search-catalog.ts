/**
 * A deterministic marketplace catalog for the search benchmark: the same seed gives the same
 * vendors, categories, products, tiers and images on every run and machine (mulberry32, no
 * Math.random). Titles combine a modifier, a material, a product noun and a size, so one noun
 * matches about 1.5% of the products and a modifier + noun pair a few dozen: the selectivity of
 * real catalog searches rather than of a synthetic worst case.
 */
export type CatalogSize = { products: number; vendors: number };

export type GenVendor = {
  id: string;
  name: string;
  status: 'approved' | 'suspended' | 'pending';
  verified: boolean;
};
export type GenCategory = { id: string; parentId: string | null; name: string; slug: string; path: string };
export type GenProduct = {
  id: string;
  vendorId: string;
  sku: string;
  title: string;
  description: string;
  categoryId: string;
  unit: string;
  minOrderQty: number;
  stockQty: number;
  attributes: { name: string; value: string }[];
  currency: string;
  basePriceMinor: number;
  status: 'published' | 'draft' | 'archived';
  publishedAt: Date | null;
  tiers: { minQty: number; unitPriceMinor: number }[];
  imageKey: string | null;
};

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Product nouns grouped by top-level category. */
const GROUPS: Record<string, string[]> = {
  'Fluid Power': ['pump', 'valve', 'cylinder', 'hose', 'fitting', 'coupling', 'manifold', 'accumulator'],
  'Power Transmission': ['bearing', 'gearbox', 'belt', 'chain', 'sprocket', 'pulley', 'shaft', 'bushing'],
  Fasteners: ['bolt', 'nut', 'washer', 'screw', 'anchor', 'rivet', 'stud', 'pin'],
  Electrical: ['motor', 'relay', 'switch', 'cable', 'connector', 'fuse', 'breaker', 'transformer'],
  Automation: ['sensor', 'actuator', 'controller', 'encoder', 'solenoid', 'timer', 'display', 'drive'],
  Piping: ['pipe', 'flange', 'elbow', 'tee', 'reducer', 'gasket', 'clamp', 'nipple'],
  Tools: ['drill', 'grinder', 'wrench', 'screwdriver', 'hammer', 'saw', 'plier', 'caliper'],
  Safety: ['glove', 'helmet', 'goggles', 'respirator', 'harness', 'earplug', 'vest', 'boot'],
  Packaging: ['box', 'carton', 'tape', 'film', 'label', 'pallet', 'drum', 'bag'],
  HVAC: ['compressor', 'heater', 'fan', 'filter', 'thermostat', 'damper', 'duct', 'radiator'],
};
const MODIFIERS = [
  'hydraulic',
  'pneumatic',
  'electric',
  'manual',
  'industrial',
  'heavy-duty',
  'compact',
  'portable',
  'precision',
  'sealed',
  'threaded',
  'flanged',
  'insulated',
  'reinforced',
  'adjustable',
  'high-pressure',
  'low-noise',
  'explosion-proof',
  'waterproof',
  'modular',
  'rotary',
  'linear',
  'magnetic',
  'digital',
  'automatic',
  'miniature',
  'standard',
  'universal',
  'corrosion-resistant',
  'food-grade',
];
const MATERIALS = [
  'steel',
  'stainless steel',
  'brass',
  'copper',
  'aluminium',
  'nylon',
  'rubber',
  'PVC',
  'polyethylene',
  'cast iron',
  'bronze',
  'titanium',
  'ceramic',
  'carbon fibre',
  'polypropylene',
];
const SIZES = [
  'M6',
  'M8',
  'M10',
  'M12',
  '1/4 inch',
  '1/2 inch',
  '3/4 inch',
  '12V',
  '24V',
  '230V',
  'DN25',
  'DN50',
  '10 mm',
  '25 mm',
  '50 mm',
  '100 mm',
];
const UNITS = ['piece', 'box of 10', 'box of 100', 'set', 'pair', 'metre', 'roll', 'kg'];
const VENDOR_A = [
  'Acme',
  'Nordic',
  'Baltic',
  'Alpine',
  'Delta',
  'Orion',
  'Atlas',
  'Vector',
  'Summit',
  'Pioneer',
  'Falcon',
  'Granite',
  'Harbor',
  'Iron',
  'Polar',
  'Zenith',
  'Apex',
  'Cobalt',
  'Meridian',
  'Sterling',
];
const VENDOR_B = [
  'Hydraulics',
  'Industrial',
  'Supply',
  'Components',
  'Engineering',
  'Tools',
  'Fasteners',
  'Electric',
  'Automation',
  'Packaging',
  'Safety',
  'Trading',
  'Works',
  'Systems',
  'Technik',
];
const VENDOR_C = ['GmbH', 'Ltd', 'Inc', 'BV', 'SA', 'AB', 'Oy', 'SpA', 'Co', 'LLC'];
const SENTENCES = [
  'Built for continuous duty in demanding plants.',
  'Tested to industry standards before shipping.',
  'Ships from our regional warehouse within the lead time.',
  'Compatible with common fittings and mounting patterns.',
  'Supplied with a certificate of conformity on request.',
  'Suitable for maintenance, repair and operations teams.',
  'Volume pricing for distributors and contractors.',
  'Low maintenance and long service life.',
];

const pick = <T>(rand: () => number, list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
const pad = (n: number, width: number) => String(n).padStart(width, '0');
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export type Catalog = { vendors: GenVendor[]; categories: GenCategory[]; products: Iterable<GenProduct> };

/** Vendors, a three-level category tree, and a lazily generated product stream. */
export function generateCatalog(size: CatalogSize, seed = 42): Catalog {
  const rand = mulberry32(seed);
  const vendors: GenVendor[] = [];
  for (let i = 0; i < size.vendors; i++) {
    const name = `${pick(rand, VENDOR_A)} ${pick(rand, VENDOR_B)} ${pick(rand, VENDOR_C)} ${i + 1}`;
    const r = rand();
    vendors.push({
      id: `ven_bench${pad(i, 7)}`,
      name,
      // 94% approved: a few suspended and pending vendors whose products must never show.
      status: r < 0.94 ? 'approved' : r < 0.97 ? 'suspended' : 'pending',
      verified: rand() < 0.5,
    });
  }
  // Top level = group; second level = noun; third level = 3 material families per noun.
  const categories: GenCategory[] = [];
  const leavesByNoun = new Map<string, GenCategory[]>();
  let c = 0;
  const newCategory = (name: string, parent: GenCategory | null): GenCategory => {
    const id = `cat_bench${pad(c++, 6)}`;
    const category = {
      id,
      parentId: parent?.id ?? null,
      name,
      slug: `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${id.slice(-6)}`,
      path: `${parent?.path ?? '/'}${id}/`,
    };
    categories.push(category);
    return category;
  };
  for (const [group, nouns] of Object.entries(GROUPS)) {
    const top = newCategory(group, null);
    for (const noun of nouns) {
      const mid = newCategory(`${cap(noun)}s`, top);
      leavesByNoun.set(
        noun,
        ['Metal', 'Plastic', 'Special'].map((family) => newCategory(`${family} ${noun}s`, mid)),
      );
    }
  }
  const nouns = Object.values(GROUPS).flat();
  const start = Date.UTC(2026, 0, 1);

  function* products(): Generator<GenProduct> {
    const prand = mulberry32(seed * 7919 + 1);
    for (let i = 0; i < size.products; i++) {
      const noun = pick(prand, nouns);
      const modifier = pick(prand, MODIFIERS);
      const material = pick(prand, MATERIALS);
      const sizeLabel = pick(prand, SIZES);
      const vendor = vendors[Math.floor(prand() * vendors.length)] as GenVendor;
      const leaves = leavesByNoun.get(noun) as GenCategory[];
      const family = [
        'aluminium',
        'brass',
        'bronze',
        'copper',
        'steel',
        'stainless steel',
        'cast iron',
        'titanium',
      ].includes(material)
        ? 0
        : ['nylon', 'rubber', 'PVC', 'polyethylene', 'polypropylene'].includes(material)
          ? 1
          : 2;
      const moq = pick(prand, [1, 1, 1, 5, 10, 10, 25, 50, 100]);
      const base = 100 + Math.floor(prand() * 50_000);
      const tierCount = Math.floor(prand() * 4);
      const tiers: { minQty: number; unitPriceMinor: number }[] = [];
      if (tierCount > 0) {
        let qty = moq;
        let price = base;
        for (let k = 0; k < tierCount; k++) {
          tiers.push({ minQty: qty, unitPriceMinor: price });
          qty = qty * pick(prand, [2, 5, 10]);
          price = Math.floor(price * (0.8 + prand() * 0.15));
        }
      }
      const r = prand();
      yield {
        id: `prd_bench${pad(i, 9)}`,
        vendorId: vendor.id,
        sku: `${noun.slice(0, 3).toUpperCase()}-${pad(i, 6)}`,
        title: `${cap(modifier)} ${material} ${noun} ${sizeLabel}`,
        description: `${cap(modifier)} ${noun} in ${material}, ${sizeLabel}. ${pick(prand, SENTENCES)} ${pick(prand, SENTENCES)}`,
        categoryId: (leaves[family] as GenCategory).id,
        unit: pick(prand, UNITS),
        minOrderQty: moq,
        stockQty: prand() < 0.7 ? moq + Math.floor(prand() * 5000) : 0,
        attributes: [
          { name: 'Material', value: material },
          { name: 'Size', value: sizeLabel },
          { name: 'Finish', value: pick(prand, ['plain', 'zinc plated', 'painted', 'anodised', 'polished']) },
        ],
        currency: 'EUR',
        basePriceMinor: base,
        // 96% published, the rest draft or archived (never searchable).
        status: r < 0.96 ? 'published' : r < 0.98 ? 'draft' : 'archived',
        publishedAt: r < 0.96 ? new Date(start + i * 60_000) : null,
        tiers,
        imageKey: prand() < 0.8 ? `tenants/bench/products/${pad(i, 9)}/1.jpg` : null,
      };
    }
  }
  return { vendors, categories, products: { [Symbol.iterator]: products } };
}
