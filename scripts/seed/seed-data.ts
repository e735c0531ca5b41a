/**
 * Demo catalogue for Taswiq: categories, approved shops and their products.
 *
 * Plain data only — no imports. `scripts/seed/seed.ts` turns it into rows.
 * - `communeCode` values are real codes from the `algeria-locations` package.
 * - `priceDzd` is in whole dinars; the `products.price` column stores centimes (× 100).
 * - All owner e-mails use the reserved `@demo.taswiq.dz` domain.
 */

export type SeedCategory = {
  slug: string
  nameAr: string
  nameFr: string
  nameEn: string
  /** Hue (0–359) for generated placeholder photos. */
  hue: number
}

export type ProducerCategory = 'productive_family' | 'rural_woman' | 'artisan' | 'cooperative'
export type PayoutMethod = 'ccp' | 'rip'

export type SeedShop = {
  slug: string
  name: string
  story: string
  ownerName: string
  ownerEmail: string
  communeCode: string
  producerCategory: ProducerCategory
  artisanCardNumber: string | null
  tradeRegisterNumber: string | null
  nif: string
  phone: string
  payoutMethod: PayoutMethod
  payoutAccount: string
}

export type SeedProduct = {
  slug: string
  shopSlug: string
  categorySlug: string
  title: string
  description: string
  priceDzd: number
  stock: number
  madeToOrderDays: number
  weightG: number
  featured: boolean
  photoCount: 1 | 2 | 3
}

// ---------------------------------------------------------------------------
// Categories (order matters: it becomes `categories.position`)
// ---------------------------------------------------------------------------

export const seedCategories: SeedCategory[] = [
  {
    slug: 'couscous-pasta',
    nameAr: 'الكسكس والعجائن التقليدية',
    nameFr: 'Couscous et pâtes traditionnelles',
    nameEn: 'Couscous & pasta',
    hue: 45,
  },
  {
    slug: 'honey',
    nameAr: 'العسل ومنتجات النحل',
    nameFr: 'Miel et produits de la ruche',
    nameEn: 'Honey & bee products',
    hue: 30,
  },
  {
    slug: 'herbs-spices',
    nameAr: 'الأعشاب المجففة والتوابل',
    nameFr: 'Herbes séchées et épices',
    nameEn: 'Dried herbs & spices',
    hue: 135,
  },
  {
    slug: 'olive-oil',
    nameAr: 'زيت الزيتون',
    nameFr: "Huile d'olive",
    nameEn: 'Olive oil',
    hue: 70,
  },
  {
    slug: 'pottery',
    nameAr: 'الفخار',
    nameFr: 'Poterie',
    nameEn: 'Pottery',
    hue: 12,
  },
  {
    slug: 'embroidery-textiles',
    nameAr: 'الطرز والمنسوجات',
    nameFr: 'Broderie et textiles',
    nameEn: 'Embroidery & textiles',
    hue: 335,
  },
  {
    slug: 'soap-cosmetics',
    nameAr: 'الصابون ومستحضرات التجميل الطبيعية',
    nameFr: 'Savons et cosmétiques naturels',
    nameEn: 'Soap & natural cosmetics',
    hue: 190,
  },
  {
    slug: 'baskets',
    nameAr: 'السلال والحلفاء',
    nameFr: 'Vannerie',
    nameEn: 'Baskets & weaving',
    hue: 95,
  },
  {
    slug: 'jewellery',
    nameAr: 'الحلي التقليدية',
    nameFr: 'Bijoux traditionnels',
    nameEn: 'Traditional jewellery',
    hue: 225,
  },
  {
    slug: 'traditional-sweets',
    nameAr: 'الحلويات التقليدية',
    nameFr: 'Pâtisseries traditionnelles',
    nameEn: 'Traditional sweets',
    hue: 290,
  },
]

// ---------------------------------------------------------------------------
// Shops — 12 approved shops, one per wilaya
// ---------------------------------------------------------------------------

export const seedShops: SeedShop[] = [
  // Tizi Ouzou (15) — Maâtkas
  {
    slug: 'poterie-tasga-maatkas',
    name: 'Poterie Tasga – Maâtkas',
    story:
      "Dans son village de Maâtkas, Na Ouardia façonne l'argile rouge à la main, sans tour ni moule, comme le faisaient sa mère et sa grand-mère. Ses cruches, plats et lampes à huile sont cuits au feu de bois puis peints de motifs berbères à l'ocre et au noir de manganèse.",
    ownerName: 'Ouardia Ait Ahmed',
    ownerEmail: 'ouardia.aitahmed@demo.taswiq.dz',
    communeCode: '15017',
    producerCategory: 'rural_woman',
    artisanCardNumber: 'CA-15-2017-00382',
    tradeRegisterNumber: null,
    nif: '198015170038245',
    phone: '0551234789',
    payoutMethod: 'ccp',
    payoutAccount: '0018745236 17',
  },
  // Béjaïa (06) — Seddouk
  {
    slug: 'cooperative-tazemourt-seddouk',
    name: 'Coopérative oléicole Tazemourt',
    story:
      "Fondée en 2016 par quatorze familles d'oléiculteurs de Seddouk, dans la vallée de la Soummam, la coopérative Tazemourt presse ses olives Chemlal dans les 24 heures qui suivent la cueillette. Les femmes de la coopérative transforment une partie de la récolte en savons saponifiés à froid.",
    ownerName: 'Djamila Hamouche',
    ownerEmail: 'djamila.hamouche@demo.taswiq.dz',
    communeCode: '06011',
    producerCategory: 'cooperative',
    artisanCardNumber: null,
    tradeRegisterNumber: '06/00-0412876 B 16',
    nif: '001606041287653',
    phone: '0661482317',
    payoutMethod: 'rip',
    payoutAccount: '00799999000412876053',
  },
  // Tamanrasset (11) — Tazrouk
  {
    slug: 'fidhat-al-ahaggar-tazrouk',
    name: 'فضة الأهقار',
    story:
      'في قرية تاظروك بأعالي الهقار، يصوغ أحمد الفضة على طريقة أجداده التوارق بالكير والسندان وقوالب من الحجر. يصنع صليب الجنوب والأساور والخواتم المنقوشة يدويًا، وكل قطعة تحمل رموزًا من الصحراء.',
    ownerName: 'أحمد آغ إبراهيم',
    ownerEmail: 'ahmed.agibrahim@demo.taswiq.dz',
    communeCode: '11010',
    producerCategory: 'artisan',
    artisanCardNumber: 'CA-11-2012-00093',
    tradeRegisterNumber: null,
    nif: '197911010009317',
    phone: '0673915204',
    payoutMethod: 'ccp',
    payoutAccount: '0023981547 63',
  },
  // Alger (16) — Casbah
  {
    slug: 'dar-el-fetla-casbah',
    name: 'دار الفتلة – القصبة',
    story:
      'في أزقة القصبة العتيقة، تطرّز نصيرة الكاراكو والجبة بخيط الفتلة والمجبود الذهبي منذ ثلاثين سنة. تعلّمت الحرفة في ورشة جدتها، وهي اليوم تعلّمها لفتيات الحي في بيتها.',
    ownerName: 'نصيرة بن عمر',
    ownerEmail: 'nassira.benamar@demo.taswiq.dz',
    communeCode: '16001',
    producerCategory: 'artisan',
    artisanCardNumber: 'CA-16-2008-01273',
    tradeRegisterNumber: null,
    nif: '196816001127384',
    phone: '0770346821',
    payoutMethod: 'rip',
    payoutAccount: '00799999001612738409',
  },
  // Ghardaïa (47) — El Atteuf
  {
    slug: 'zarabi-el-atteuf',
    name: 'زرابي العطف',
    story:
      'في قصر العطف بوادي ميزاب، تنسج عائشة وبناتها الزرابي الميزابية على المنسج الخشبي بصوف مغزول يدويًا ومصبوغ بالحناء وقشر الرمان. ويضفرن أيضًا الأطباق والسلال من سعف النخيل لحفظ التمر والخبز.',
    ownerName: 'عائشة باحمد',
    ownerEmail: 'aicha.bahmed@demo.taswiq.dz',
    communeCode: '47012',
    producerCategory: 'artisan',
    artisanCardNumber: 'CA-47-2014-00521',
    tradeRegisterNumber: null,
    nif: '198247012052196',
    phone: '0662708455',
    payoutMethod: 'ccp',
    payoutAccount: '0009473125 08',
  },
  // Médéa (26) — Tamesguida
  {
    slug: 'taawuniyat-nahhali-tamesguida',
    name: 'تعاونية نحّالي تمسقيدة',
    story:
      'تضم التعاونية اثني عشر نحّالًا من قرى جبال تمسقيدة المطلة على المدية، يتنقلون بخلاياهم بين الزعتر البري والكاليتوس والسدر. يُستخلص العسل باردًا ويُعبأ كما هو، دون تسخين أو خلط.',
    ownerName: 'عبد القادر بلعيدي',
    ownerEmail: 'abdelkader.belaidi@demo.taswiq.dz',
    communeCode: '26075',
    producerCategory: 'cooperative',
    artisanCardNumber: null,
    tradeRegisterNumber: '26/00-0198734 B 18',
    nif: '001826019873412',
    phone: '0554671930',
    payoutMethod: 'rip',
    payoutAccount: '00799999002619873477',
  },
  // Djelfa (17) — Aïn Maabed
  {
    slug: 'aashab-al-suhub-ain-maabed',
    name: 'أعشاب السهوب – عين معبد',
    story:
      'تجمع خيرة الشيح والإكليل والزعتر من سهوب الجلفة كل ربيع، وتجففها في الظل داخل بيتها الطيني بعين معبد. وتفتل أيضًا بربوشة الشعير على طريقة نساء البادية.',
    ownerName: 'خيرة بن سالم',
    ownerEmail: 'kheira.bensalem@demo.taswiq.dz',
    communeCode: '17025',
    producerCategory: 'rural_woman',
    artisanCardNumber: 'CA-17-2020-00214',
    tradeRegisterNumber: null,
    nif: '198517025021407',
    phone: '0698214563',
    payoutMethod: 'ccp',
    payoutAccount: '0031457869 25',
  },
  // Tlemcen (13) — Beni Snous
  {
    slug: 'halfa-beni-snous',
    name: 'حلفاء بني سنوس',
    story:
      'في قرية بني سنوس جنوب تلمسان، تضفر فاطمة الحلفاء التي تجمعها من الهضاب المجاورة لتصنع القفف والأطباق والحصائر، حرفة ورثتها عن أمها. وتجفف أيضًا النعناع واللويزة من حديقة الدار.',
    ownerName: 'فاطمة بن علي',
    ownerEmail: 'fatima.benali@demo.taswiq.dz',
    communeCode: '13037',
    producerCategory: 'rural_woman',
    artisanCardNumber: 'CA-13-2018-00647',
    tradeRegisterNumber: null,
    nif: '197713037064718',
    phone: '0542197836',
    payoutMethod: 'ccp',
    payoutAccount: '0014236987 51',
  },
  // Sétif (19) — Beni Ourtilane
  {
    slug: 'kuskus-dar-el-djedda',
    name: 'كسكس دار الجدّة – بني ورتيلان',
    story:
      'في بني ورتيلان تفتل سعاد وأخواتها ووالدتهن الكسكس يدويًا في القصعة الخشبية من قمح صلب تزرعه العائلة، ثم يُبخَّر ويُجفف تحت الشمس. كل كيس يخرج مباشرة من مطبخ العائلة.',
    ownerName: 'سعاد مزيان',
    ownerEmail: 'souad.meziane@demo.taswiq.dz',
    communeCode: '19011',
    producerCategory: 'productive_family',
    artisanCardNumber: 'CA-19-2021-00938',
    tradeRegisterNumber: null,
    nif: '198819011093852',
    phone: '0775182046',
    payoutMethod: 'ccp',
    payoutAccount: '0027619348 90',
  },
  // Constantine (25) — Hamma Bouziane
  {
    slug: 'halawiyat-lalla-zhor',
    name: 'حلويات لالة زهور',
    story:
      'في حامة بوزيان، تحضّر زهور وبناتها الحلويات القسنطينية باللوز والجوز والعسل وماء الزهر المقطر في البيت. تُطلب جوزيتهن وبقلاوتهن في الأعراس والأعياد منذ أكثر من خمس عشرة سنة.',
    ownerName: 'زهور بوشعير',
    ownerEmail: 'zhor.bouchair@demo.taswiq.dz',
    communeCode: '25013',
    producerCategory: 'productive_family',
    artisanCardNumber: 'CA-25-2016-00765',
    tradeRegisterNumber: null,
    nif: '197525013076529',
    phone: '0667539120',
    payoutMethod: 'rip',
    payoutAccount: '00799999002507652911',
  },
  // Biskra (07) — Tolga
  {
    slug: 'khayrat-nakhil-tolga',
    name: 'خيرات نخيل طولقة',
    story:
      'في واحات طولقة، تحوّل مباركة تمر دقلة نور من نخيل عائلتها إلى عجينة ورُبّ وتمر محشو، وتضفر من السعف قففًا ملونة. كما تجفف حناء الواحة في الشمس وتطحنها بنفسها.',
    ownerName: 'مباركة سعدي',
    ownerEmail: 'mebarka.saadi@demo.taswiq.dz',
    communeCode: '07003',
    producerCategory: 'rural_woman',
    artisanCardNumber: 'CA-07-2019-00457',
    tradeRegisterNumber: null,
    nif: '198307003045761',
    phone: '0658347291',
    payoutMethod: 'ccp',
    payoutAccount: '0035874102 36',
  },
  // Blida (09) — Chiffa
  {
    slug: 'ma-el-ward-chiffa',
    name: 'ماء الورد – الشفة',
    story:
      'عند سفح الأطلس البليدي في الشفة، تقطّر عائلة حمدي زهر النارنج والورد البلدي في القطّار النحاسي كل ربيع، كما كانت تفعل الجدات في مدينة الورود. ومن هذه المياه العطرية تصنع ليلى صابونًا طبيعيًا ومراهم بسيطة.',
    ownerName: 'ليلى حمدي',
    ownerEmail: 'leila.hamdi@demo.taswiq.dz',
    communeCode: '09010',
    producerCategory: 'productive_family',
    artisanCardNumber: 'CA-09-2022-00186',
    tradeRegisterNumber: null,
    nif: '199009010018643',
    phone: '0559602718',
    payoutMethod: 'ccp',
    payoutAccount: '0040218753 74',
  },
]

// ---------------------------------------------------------------------------
// Products — 80, grouped by shop
// ---------------------------------------------------------------------------

export const seedProducts: SeedProduct[] = [
  // ── Poterie Tasga – Maâtkas (Tizi Ouzou) ────────────────────────────────
  {
    slug: 'tadjine-galette-terre-cuite-35cm',
    shopSlug: 'poterie-tasga-maatkas',
    categorySlug: 'pottery',
    title: 'Tadjine à galette en terre cuite – 35 cm',
    description:
      "Plat kabyle traditionnel pour cuire la galette et la kesra sur le feu de bois ou le gaz. Façonné à la main dans l'argile de Maâtkas et cuit au feu de bois. Avant la première utilisation, frottez-le d'huile d'olive et chauffez-le doucement.",
    priceDzd: 2200,
    stock: 14,
    madeToOrderDays: 0,
    weightG: 2600,
    featured: true,
    photoCount: 3,
  },
  {
    slug: 'cruche-eau-achmoukh-3l',
    shopSlug: 'poterie-tasga-maatkas',
    categorySlug: 'pottery',
    title: 'Cruche à eau décorée (achmoukh) – 3 L',
    description:
      "Cruche kabyle modelée sans tour, peinte à l'ocre rouge et au noir de manganèse de motifs géométriques berbères. L'argile poreuse garde l'eau fraîche même en plein été. Nettoyer à l'eau claire, sans détergent.",
    priceDzd: 3800,
    stock: 6,
    madeToOrderDays: 0,
    weightG: 2100,
    featured: false,
    photoCount: 2,
  },
  {
    slug: 'jarre-huile-decoree-5l',
    shopSlug: 'poterie-tasga-maatkas',
    categorySlug: 'pottery',
    title: 'Jarre à huile décorée – 5 L',
    description:
      "Petite jarre à deux anses pour conserver l'huile d'olive à l'abri de la lumière. L'intérieur est imperméabilisé à la résine naturelle et le décor est peint à la main. Hauteur 32 cm environ.",
    priceDzd: 5500,
    stock: 2,
    madeToOrderDays: 10,
    weightG: 3400,
    featured: false,
    photoCount: 2,
  },
  {
    slug: 'lampe-huile-kabyle-mesbah',
    shopSlug: 'poterie-tasga-maatkas',
    categorySlug: 'pottery',
    title: 'Lampe à huile kabyle (mesbah)',
    description:
      "Lampe traditionnelle sur pied à quatre becs, comme on en trouvait dans chaque maison du village. Décorative, elle peut aussi servir avec une mèche de coton et un peu d'huile d'olive. Hauteur 22 cm.",
    priceDzd: 1800,
    stock: 7,
    madeToOrderDays: 0,
    weightG: 650,
    featured: false,
    photoCount: 1,
  },
  {
    slug: 'grand-plat-service-decore-40cm',
    shopSlug: 'poterie-tasga-maatkas',
    categorySlug: 'pottery',
    title: 'Grand plat de service décoré – 40 cm',
    description:
      "Plat creux pour servir le couscous ou les fruits, orné de losanges et de chevrons peints à la main. Chaque pièce est unique : motifs et nuances varient d'un plat à l'autre. Lavage à la main conseillé.",
    priceDzd: 4500,
    stock: 9,
    madeToOrderDays: 0,
    weightG: 3000,
    featured: false,
    photoCount: 3,
  },
  {
    slug: 'set-4-bols-peints-main',
    shopSlug: 'poterie-tasga-maatkas',
    categorySlug: 'pottery',
    title: 'Set de 4 bols peints à la main',
    description:
      "Quatre bols de 12 cm de diamètre pour la chorba, le lben ou les olives. Terre cuite vernissée à l'intérieur, décor berbère à l'extérieur. Ne pas passer au lave-vaisselle.",
    priceDzd: 2600,
    stock: 18,
    madeToOrderDays: 0,
    weightG: 1400,
    featured: false,
    photoCount: 2,
  },

  // ── Coopérative oléicole Tazemourt (Béjaïa) ─────────────────────────────
  {
    slug: 'huile-olive-vierge-extra-kabylie-1l',
    shopSlug: 'cooperative-tazemourt-seddouk',
    categorySlug: 'olive-oil',
    title: "Huile d'olive vierge extra de Kabylie – 1 L",
    description:
      "Huile de variété Chemlal, cueillie à la main sur les coteaux de Seddouk et pressée à froid dans les 24 heures. Goût fruité vert, légère amertume et finale poivrée. Bouteille en verre teinté, à conserver à l'abri de la lumière et de la chaleur.",
    priceDzd: 1500,
    stock: 48,
    madeToOrderDays: 0,
    weightG: 1350,
    featured: true,
    photoCount: 3,
  },
  {
    slug: 'huile-olive-vierge-extra-bidon-5l',
    shopSlug: 'cooperative-tazemourt-seddouk',
    categorySlug: 'olive-oil',
    title: "Huile d'olive vierge extra – bidon 5 L",
    description:
      "La même huile de la récolte de l'année, en bidon alimentaire, idéale pour la cuisine familiale. Transvasez-la dans une bouteille en verre ou une jarre pour mieux la conserver. Acidité inférieure à 0,8 %.",
    priceDzd: 7000,
    stock: 22,
    madeToOrderDays: 0,
    weightG: 4900,
    featured: false,
    photoCount: 2,
  },
  {
    slug: 'huile-olive-vierge-extra-500ml',
    shopSlug: 'cooperative-tazemourt-seddouk',
    categorySlug: 'olive-oil',
    title: "Huile d'olive vierge extra – 500 mL",
    description:
      'Format découverte en bouteille de verre, parfait pour offrir. Huile Chemlal pressée à froid au moulin de la coopérative. À déguster crue, sur une salade ou un plat de lentilles.',
    priceDzd: 850,
    stock: 35,
    madeToOrderDays: 0,
    weightG: 750,
    featured: false,
    photoCount: 1,
  },
  {
    slug: 'huile-olive-traditionnelle-meule-2l',
    shopSlug: 'cooperative-tazemourt-seddouk',
    categorySlug: 'olive-oil',
    title: "Huile d'olive traditionnelle pressée à la meule – 2 L",
    description:
      'Huile obtenue selon la méthode ancienne : olives broyées à la meule de pierre puis pressées sur des scourtins. Goût plus prononcé et couleur dorée, très appréciée pour le couscous et la galette. Bouteille alimentaire de 2 L.',
    priceDzd: 2900,
    stock: 15,
    madeToOrderDays: 0,
    weightG: 2100,
    featured: false,
    photoCount: 2,
  },
  {
    slug: 'huile-olive-precoce-750ml',
    shopSlug: 'cooperative-tazemourt-seddouk',
    categorySlug: 'olive-oil',
    title: "Huile d'olive précoce (huile nouvelle) – 750 mL",
    description:
      "Pressée à partir d'olives encore vertes cueillies en octobre, cette huile est intense, herbacée et riche en polyphénols. Production très limitée, disponible seulement en début de saison. Bouteille en verre de 750 mL.",
    priceDzd: 1600,
    stock: 0,
    madeToOrderDays: 0,
    weightG: 1150,
    featured: false,
    photoCount: 2,
  },
  {
    slug: 'savon-huile-olive-laurier-120g',
    shopSlug: 'cooperative-tazemourt-seddouk',
    categorySlug: 'soap-cosmetics',
    title: "Savon à l'huile d'olive et au laurier – 120 g",
    description:
      "Savon saponifié à froid par les femmes de la coopérative, avec 80 % d'huile d'olive et de l'huile de baies de laurier. Sans parfum ni colorant, il convient aux peaux sensibles et aux cheveux. Laissez-le sécher entre deux utilisations pour qu'il dure plus longtemps.",
    priceDzd: 450,
    stock: 60,
    madeToOrderDays: 0,
    weightG: 130,
    featured: false,
    photoCount: 2,
  },
  {
    slug: 'savon-lait-chevre-huile-olive-100g',
    shopSlug: 'cooperative-tazemourt-seddouk',
    categorySlug: 'soap-cosmetics',
    title: "Savon au lait de chèvre et à l'huile d'olive – 100 g",
    description:
      "Savon doux préparé avec le lait frais des chèvres du village et l'huile de la coopérative. Mousse crémeuse, idéal pour le visage et la peau des enfants. Six semaines de cure avant la vente.",
    priceDzd: 550,
    stock: 40,
    madeToOrderDays: 0,
    weightG: 110,
    featured: false,
    photoCount: 1,
  },

  // ── فضة الأهقار (Tamanrasset) ───────────────────────────────────────────
  {
    slug: 'salib-al-janub-targui-fidda',
    shopSlug: 'fidhat-al-ahaggar-tazrouk',
    categorySlug: 'jewellery',
    title: 'صليب الجنوب الطارقي من الفضة',
    description:
      'قلادة على شكل صليب الجنوب، رمز توارق الأهقار، مصبوبة في قالب من الحجر ومنقوشة يدويًا. فضة عيار 925 بطول 5 سم تقريبًا، مع خيط من الجلد المدبوغ. تُنظف بقطعة قماش ناعمة وتُحفظ بعيدًا عن الرطوبة.',
    priceDzd: 6500,
    stock: 12,
    madeToOrderDays: 0,
    weightG: 35,
    featured: true,
    photoCount: 3,
  },
  {
    slug: 'siwar-fiddi-targui-manqush',
    shopSlug: 'fidhat-al-ahaggar-tazrouk',
    categorySlug: 'jewellery',
    title: 'سوار فضي طارقي منقوش',
    description:
      'سوار عريض من الفضة مطروق على السندان ومنقوش بزخارف هندسية طارقية. مقاسه قابل للتعديل قليلًا ليناسب معظم المعاصم. كل نقش منفذ باليد فلا تتطابق قطعتان.',
    priceDzd: 12000,
    stock: 5,
    madeToOrderDays: 0,
    weightG: 55,
    featured: false,
    photoCount: 2,
  },
  {
    slug: 'khatam-fidda-aqiq-ahmar',
    shopSlug: 'fidhat-al-ahaggar-tazrouk',
    categorySlug: 'jewellery',
    title: 'خاتم فضة بحجر العقيق الأحمر',
    description:
      'خاتم من الفضة عيار 925 مرصع بحجر عقيق أحمر، يناسب الرجال والنساء. يُصاغ حسب المقاس المطلوب خلال أسبوع. يرجى ذكر المقاس في ملاحظة الطلب.',
    priceDzd: 4500,
    stock: 8,
    madeToOrderDays: 7,
    weightG: 12,
    featured: false,
    photoCount: 2,
  },
  {
    slug: 'aqrat-fiddiya-targuiya',
    shopSlug: 'fidhat-al-ahaggar-tazrouk',
    categorySlug: 'jewellery',
    title: 'أقراط فضية طارقية',
    description:
      'زوج أقراط معلقة من الفضة على شكل مثلثات صغيرة مستوحاة من حلي نساء تاظروك. خفيفة ومريحة للاستعمال اليومي، بطول 4 سم. تُسلَّم في كيس من الجلد.',
    priceDzd: 5500,
    stock: 10,
    madeToOrderDays: 0,
    weightG: 14,
    featured: false,
    photoCount: 2,
  },
  {
    slug: 'iqd-fidda-aqiq-ahmar',
    shopSlug: 'fidhat-al-ahaggar-tazrouk',
    categorySlug: 'jewellery',
    title: 'عقد من الفضة والعقيق الأحمر',
    description:
      'عقد تقليدي يجمع حبات الفضة المنقوشة وخرز العقيق الأحمر والأبنوس على خيط متين. طوله 45 سم مع قفل فضي. قطعة مناسبة للأعراس والمناسبات.',
    priceDzd: 18000,
    stock: 2,
    madeToOrderDays: 0,
    weightG: 60,
    featured: false,
    photoCount: 3,
  },
  {
    slug: 'khalkhal-fiddi-zawj',
    shopSlug: 'fidhat-al-ahaggar-tazrouk',
    categorySlug: 'jewellery',
    title: 'خلخال فضي (زوج)',
    description:
      'زوج خلاخيل من الفضة الثقيلة مطروقة يدويًا ومزينة بنقوش دقيقة على الحواف. وزن القطعة الواحدة حوالي 90 غرامًا. قطعة تراثية تُورَّث من جيل إلى جيل.',
    priceDzd: 32000,
    stock: 0,
    madeToOrderDays: 0,
    weightG: 200,
    featured: false,
    photoCount: 2,
  },
  {
    slug: 'hirz-targui-tcherot-fidda',
    shopSlug: 'fidhat-al-ahaggar-tazrouk',
    categorySlug: 'jewellery',
    title: 'الحرز الطارقي (تشيروت) من الفضة والجلد',
    description:
      'قلادة مربعة تقليدية يعلّقها التوارق على الصدر، من صفيحة فضية منقوشة على قاعدة من الجلد الأحمر. مقاسها 4×4 سم مع سلسلة جلدية قابلة للتعديل. قطعة زينة وتراث.',
    priceDzd: 8000,
    stock: 7,
    madeToOrderDays: 0,
    weightG: 30,
    featured: false,
    photoCount: 1,
  },

  // ── دار الفتلة – القصبة (Alger) ─────────────────────────────────────────
  {
    slug: 'karakou-asimi-majboud',
    shopSlug: 'dar-el-fetla-casbah',
    categorySlug: 'embroidery-textiles',
    title: 'كاراكو عاصمي مطرز بالمجبود',
    description:
      'سترة كاراكو من القطيفة الخمرية مطرزة يدويًا بخيط المجبود الذهبي على طريقة حرفيات القصبة. تُخاط حسب مقاسات الزبونة وتستغرق حوالي ثلاثة أسابيع من العمل. تُنظف عند مختص في التنظيف الجاف فقط.',
    priceDzd: 45000,
    stock: 1,
    madeToOrderDays: 21,
    weightG: 1400,
    featured: true,
    photoCount: 3,
  },
  {
    slug: 'jebba-qatifa-fetla',
    shopSlug: 'dar-el-fetla-casbah',
    categorySlug: 'embroidery-textiles',
    title: 'جبة قطيفة مطرزة بالفتلة',
    description:
      'جبة نسائية طويلة من القطيفة مطرزة عند الصدر والأكمام بخيط الفتلة الذهبي. متوفرة بالأخضر الزمردي والأزرق الملكي والأسود. التطريز يدوي بالكامل.',
    priceDzd: 28000,
    stock: 5,
    madeToOrderDays: 14,
    weightG: 1200,
    featured: false,
    photoCount: 3,
  },
  {
    slug: 'mharma-fetoul-haririya',
    shopSlug: 'dar-el-fetla-casbah',
    categorySlug: 'embroidery-textiles',
    title: 'محرمة الفتول الحريرية',
    description:
      'منديل حريري تقليدي بحواف مطرزة وشراشيب مفتولة يدويًا، يُلبس على الرأس أو الكتفين مع الكاراكو. مقاسه 90×90 سم. يُغسل باليد بماء بارد.',
    priceDzd: 4500,
    stock: 15,
    madeToOrderDays: 0,
    weightG: 120,
    featured: false,
    photoCount: 2,
  },
  {
    slug: 'bniqa-hammam-mtarza',
    shopSlug: 'dar-el-fetla-casbah',
    categorySlug: 'embroidery-textiles',
    title: 'بنيقة الحمام المطرزة',
    description:
      'غطاء الرأس التقليدي للعروس العاصمية في الحمام، من القطن الأبيض المطرز بالحرير. هدية مثالية لجهاز العروس. مقاس واحد.',
    priceDzd: 5000,
    stock: 9,
    madeToOrderDays: 0,
    weightG: 180,
    featured: false,
    photoCount: 2,
  },
  {
    slug: 'fouta-hammam-mtarza-taqm',
    shopSlug: 'dar-el-fetla-casbah',
    categorySlug: 'embroidery-textiles',
    title: 'فوطة الحمام المطرزة (طقم قطعتين)',
    description:
      'طقم فوطتين من القطن السميك بحواف مطرزة بالمجبود وغرزة الصليب. المقاسان 70×140 سم و50×90 سم. يمكن تطريز الأحرف الأولى من الاسم عند الطلب.',
    priceDzd: 7500,
    stock: 6,
    madeToOrderDays: 5,
    weightG: 1300,
    featured: false,
    photoCount: 2,
  },
  {
    slug: 'ghita-maida-ghurzat-salib',
    shopSlug: 'dar-el-fetla-casbah',
    categorySlug: 'embroidery-textiles',
    title: 'غطاء مائدة مطرز بغرزة الصليب',
    description:
      'مفرش مائدة من الكتان مطرز بزخارف الأزهار العاصمية بغرزة الصليب. مقاسه 150×220 سم ويناسب مائدة لستة أشخاص. يُغسل في الغسالة على 30 درجة.',
    priceDzd: 9500,
    stock: 4,
    madeToOrderDays: 0,
    weightG: 700,
    featured: false,
    photoCount: 2,
  },
  {
    slug: 'wisada-qatifa-majboud',
    shopSlug: 'dar-el-fetla-casbah',
    categorySlug: 'embroidery-textiles',
    title: 'وسادة قطيفة مطرزة بالمجبود',
    description:
      'غلاف وسادة من القطيفة مطرز بالمجبود الذهبي، مستوحى من زخارف صالونات البيوت العاصمية القديمة. مقاسه 40×40 سم بسحّاب مخفي، دون حشوة.',
    priceDzd: 5500,
    stock: 11,
    madeToOrderDays: 0,
    weightG: 300,
    featured: false,
    photoCount: 1,
  },

  // ── زرابي العطف (Ghardaïa) ──────────────────────────────────────────────
  {
    slug: 'zarbiya-mizabiya-150x200',
    shopSlug: 'zarabi-el-atteuf',
    categorySlug: 'embroidery-textiles',
    title: 'زربية ميزابية من الصوف الطبيعي 150×200 سم',
    description:
      'زربية منسوجة يدويًا على المنسج العمودي بصوف غنم مغزول في البيت ومصبوغ بالحناء والفوة وقشر الرمان. ألوانها وزخارفها الهندسية مستوحاة من قصور وادي ميزاب. تحتاج كل زربية حوالي شهر من النسج.',
    priceDzd: 38000,
    stock: 1,
    madeToOrderDays: 21,
    weightG: 9000,
    featured: true,
    photoCount: 3,
  },
  {
    slug: 'zarbiya-saghira-80x120',
    shopSlug: 'zarabi-el-atteuf',
    categorySlug: 'embroidery-textiles',
    title: 'زربية صغيرة من الصوف 80×120 سم',
    description:
      'زربية صغيرة لمدخل البيت أو جانب السرير، منسوجة بالتقنية التقليدية نفسها. صوفها كثيف ومتين يدوم سنوات. تُنظف بالنفض والتهوية، ويُنصح بغسلها عند مختص.',
    priceDzd: 14000,
    stock: 4,
    madeToOrderDays: 0,
    weightG: 3200,
    featured: false,
    photoCount: 2,
  },
  {
    slug: 'hanbal-soufi-mizabi',
    shopSlug: 'zarabi-el-atteuf',
    categorySlug: 'embroidery-textiles',
    title: 'حنبل صوفي ميزابي',
    description:
      'غطاء صوفي خفيف منسوج بخطوط ملونة، يُستعمل غطاءً للسرير أو فراشًا للجلوس. مقاسه 140×220 سم. يُغسل باليد بالماء البارد والصابون الطبيعي.',
    priceDzd: 18000,
    stock: 5,
    madeToOrderDays: 0,
    weightG: 3800,
    featured: false,
    photoCount: 2,
  },
  {
    slug: 'ghilaf-wisada-souf-mansouj',
    shopSlug: 'zarabi-el-atteuf',
    categorySlug: 'embroidery-textiles',
    title: 'غلاف وسادة من الصوف المنسوج',
    description:
      'غلاف وسادة منسوج من بقايا صوف الزرابي بألوان زاهية وزخارف المعيّنات. مقاسه 45×45 سم، دون حشوة.',
    priceDzd: 4500,
    stock: 14,
    madeToOrderDays: 0,
    weightG: 450,
    featured: false,
    photoCount: 1,
  },
  {
    slug: 'tabaq-saaf-nakhil-khubz',
    shopSlug: 'zarabi-el-atteuf',
    categorySlug: 'baskets',
    title: 'طبق من سعف النخيل للخبز',
    description:
      'طبق دائري مضفور من سعف النخيل المجفف ومزين بخيوط ملونة، يُقدَّم فيه الخبز والكسرة أو يُعلَّق للزينة. قطره 40 سم تقريبًا. يُمسح بقطعة قماش جافة.',
    priceDzd: 1500,
    stock: 20,
    madeToOrderDays: 0,
    weightG: 350,
    featured: false,
    photoCount: 2,
  },
  {
    slug: 'sallat-tamr-saaf-bighita',
    shopSlug: 'zarabi-el-atteuf',
    categorySlug: 'baskets',
    title: 'سلة تمر بغطاء من السعف',
    description:
      'سلة صغيرة بغطاء مضفورة من سعف النخيل لحفظ التمر وتقديمه للضيوف. ارتفاعها 20 سم وقطرها 18 سم. تحافظ على تهوية التمر فلا يتعرق.',
    priceDzd: 2200,
    stock: 12,
    madeToOrderDays: 0,
    weightG: 400,
    featured: false,
    photoCount: 2,
  },

  // ── تعاونية نحّالي تمسقيدة (Médéa) ──────────────────────────────────────
  {
    slug: 'asal-sidr-tabii-500g',
    shopSlug: 'taawuniyat-nahhali-tamesguida',
    categorySlug: 'honey',
    title: 'عسل السدر الطبيعي 500 غ',
    description:
      'عسل من رحيق أزهار السدر البري، جُني في نهاية الصيف من المراعي الجنوبية لولاية المدية. لونه كهرماني وطعمه غني بنكهة خفيفة من الكراميل. يُعبأ خامًا دون تسخين، وقد يتبلور مع الوقت وهذا دليل على طبيعيته.',
    priceDzd: 5500,
    stock: 9,
    madeToOrderDays: 0,
    weightG: 750,
    featured: true,
    photoCount: 3,
  },
  {
    slug: 'asal-jabali-mutaaddid-azhar-1kg',
    shopSlug: 'taawuniyat-nahhali-tamesguida',
    categorySlug: 'honey',
    title: 'عسل جبلي متعدد الأزهار 1 كغ',
    description:
      'عسل ربيعي من أزهار جبال تمسقيدة: الزعتر والإكليل والخزامى وأشجار الفاكهة. طعمه متوازن ولونه ذهبي فاتح، مناسب للاستعمال اليومي. برطمان زجاجي بغطاء معدني.',
    priceDzd: 6000,
    stock: 25,
    madeToOrderDays: 0,
    weightG: 1400,
    featured: false,
    photoCount: 2,
  },
  {
    slug: 'asal-zaatar-barri-250g',
    shopSlug: 'taawuniyat-nahhali-tamesguida',
    categorySlug: 'honey',
    title: 'عسل الزعتر البري 250 غ',
    description:
      'عسل نادر من رحيق الزعتر البري، بطعم قوي وعطر مميز. يُنصح به ممزوجًا بالماء الدافئ في فصل الشتاء. برطمان صغير مناسب للتجربة أو الإهداء.',
    priceDzd: 3200,
    stock: 16,
    madeToOrderDays: 0,
    weightG: 420,
    featured: false,
    photoCount: 1,
  },
  {
    slug: 'asal-kalitous-500g',
    shopSlug: 'taawuniyat-nahhali-tamesguida',
    categorySlug: 'honey',
    title: 'عسل الكاليتوس 500 غ',
    description:
      'عسل داكن من أزهار الكاليتوس بطعم عشبي قوي، يفضله كثيرون لتلطيف الحلق. جُني في الصيف من غابات سفوح المدية. يُحفظ في مكان جاف بعيدًا عن الشمس.',
    priceDzd: 3000,
    stock: 30,
    madeToOrderDays: 0,
    weightG: 750,
    featured: false,
    photoCount: 1,
  },
  {
    slug: 'asal-kharrub-500g',
    shopSlug: 'taawuniyat-nahhali-tamesguida',
    categorySlug: 'honey',
    title: 'عسل الخروب 500 غ',
    description:
      'عسل خريفي داكن من أزهار أشجار الخروب، بطعم قوي ومرارة خفيفة. كميته محدودة جدًا لأن الخروب يزهر في الخريف حين يقل نشاط النحل. يتبلور بسرعة وبشكل ناعم.',
    priceDzd: 4500,
    stock: 0,
    madeToOrderDays: 0,
    weightG: 750,
    featured: false,
    photoCount: 2,
  },
  {
    slug: 'asal-bil-shahd-500g',
    shopSlug: 'taawuniyat-nahhali-tamesguida',
    categorySlug: 'honey',
    title: 'عسل بالشهد (قرص كامل) 500 غ',
    description:
      'قرص شمع طبيعي مملوء بالعسل كما خرج من الخلية، مقطوع يدويًا ومعبأ في علبة محكمة. يؤكل الشهد مع العسل أو على الخبز الساخن. يُحفظ في درجة حرارة الغرفة.',
    priceDzd: 4800,
    stock: 2,
    madeToOrderDays: 0,
    weightG: 650,
    featured: false,
    photoCount: 2,
  },
  {
    slug: 'hubub-liqah-nahl-250g',
    shopSlug: 'taawuniyat-nahhali-tamesguida',
    categorySlug: 'honey',
    title: 'حبوب لقاح النحل 250 غ',
    description:
      'حبوب لقاح طبيعية جُمعت من خلايا التعاونية في الربيع وجُففت على حرارة منخفضة. تؤكل ملعقة صغيرة صباحًا مع العسل أو الياغورت. تُحفظ في مكان بارد وجاف بعد الفتح.',
    priceDzd: 2500,
    stock: 18,
    madeToOrderDays: 0,
    weightG: 330,
    featured: false,
    photoCount: 1,
  },

  // ── أعشاب السهوب – عين معبد (Djelfa) ────────────────────────────────────
  {
    slug: 'shih-sahbi-mujaffaf-100g',
    shopSlug: 'aashab-al-suhub-ain-maabed',
    categorySlug: 'herbs-spices',
    title: 'شيح سهبي مجفف 100 غ',
    description:
      'شيح أبيض يُقطف من سهوب عين معبد في الربيع ويُجفف في الظل ليحافظ على عطره. يُشرب منقوعًا أو تُضاف منه ورقة واحدة إلى الشاي. يُحفظ في برطمان محكم الغلق.',
    priceDzd: 350,
    stock: 40,
    madeToOrderDays: 0,
    weightG: 130,
    featured: false,
    photoCount: 1,
  },
  {
    slug: 'iklil-al-jabal-mujaffaf-100g',
    shopSlug: 'aashab-al-suhub-ain-maabed',
    categorySlug: 'herbs-spices',
    title: 'إكليل الجبل المجفف 100 غ',
    description:
      'أغصان الإكليل البري منتقاة ومجففة طبيعيًا، لتتبيل اللحم المشوي والشربة أو لتحضير المنقوع. أوراق كاملة غير مطحونة. بدون أي مواد حافظة.',
    priceDzd: 300,
    stock: 35,
    madeToOrderDays: 0,
    weightG: 130,
    featured: false,
    photoCount: 1,
  },
  {
    slug: 'zaatar-barri-mujaffaf-100g',
    shopSlug: 'aashab-al-suhub-ain-maabed',
    categorySlug: 'herbs-spices',
    title: 'زعتر بري مجفف 100 غ',
    description:
      'زعتر بري بأوراق صغيرة عطرية، يُجمع من الهضاب المحيطة بالجلفة. مثالي للشاي والحريرة والخبز بالزعتر وزيت الزيتون. في كيس ورقي مبطّن قابل للغلق.',
    priceDzd: 450,
    stock: 28,
    madeToOrderDays: 0,
    weightG: 130,
    featured: false,
    photoCount: 2,
  },
  {
    slug: 'marddouch-mujaffaf-80g',
    shopSlug: 'aashab-al-suhub-ain-maabed',
    categorySlug: 'herbs-spices',
    title: 'مرددوش مجفف 80 غ',
    description:
      'المرددوش عشبة عطرية تقليدية تُضاف إلى الشربة والمرق والكسكس. يُجفف في الظل ويُفرك باليد. عطره قوي ويكفي منه القليل.',
    priceDzd: 400,
    stock: 12,
    madeToOrderDays: 0,
    weightG: 110,
    featured: false,
    photoCount: 1,
  },
  {
    slug: 'khalit-ashab-suhub-tisane-150g',
    shopSlug: 'aashab-al-suhub-ain-maabed',
    categorySlug: 'herbs-spices',
    title: 'خليط أعشاب السهوب للتيزانة 150 غ',
    description:
      'خليط من الشيح والزعتر والإكليل والنعناع، تحضّره خيرة حسب وصفة والدتها. تُنقع ملعقة منه في كوب ماء ساخن خمس دقائق. رفيق مثالي لسهرات الشتاء.',
    priceDzd: 650,
    stock: 22,
    madeToOrderDays: 0,
    weightG: 190,
    featured: false,
    photoCount: 2,
  },
  {
    slug: 'barboucha-shair-1kg',
    shopSlug: 'aashab-al-suhub-ain-maabed',
    categorySlug: 'couscous-pasta',
    title: 'بربوشة الشعير – 1 كغ',
    description:
      'كسكس الشعير الخشن مفتول يدويًا من شعير محلي مطحون في المطحنة الحجرية. يُطبخ باللبن أو الحليب أو بمرق الخضر على طريقة أهل البادية. غني بالألياف وطعمه مميز.',
    priceDzd: 600,
    stock: 24,
    madeToOrderDays: 0,
    weightG: 1050,
    featured: false,
    photoCount: 2,
  },

  // ── حلفاء بني سنوس (Tlemcen) ────────────────────────────────────────────
  {
    slug: 'quffa-min-al-halfa',
    shopSlug: 'halfa-beni-snous',
    categorySlug: 'baskets',
    title: 'قفة من الحلفاء',
    description:
      'قفة تقليدية متينة مضفورة يدويًا من الحلفاء المجففة، بمقبضين من الحبل المضفور. تصلح للتسوق أو لحمل الخبز والخضر، قطرها 35 سم وارتفاعها 30 سم. تُنظف بفرشاة جافة وتُبعد عن الماء.',
    priceDzd: 2500,
    stock: 17,
    madeToOrderDays: 0,
    weightG: 700,
    featured: true,
    photoCount: 3,
  },
  {
    slug: 'tabaq-halfa-muzakhraf-45cm',
    shopSlug: 'halfa-beni-snous',
    categorySlug: 'baskets',
    title: 'طبق الحلفاء المزخرف 45 سم',
    description:
      'طبق مسطح مضفور بالحلفاء الطبيعية والمصبوغة بالأحمر والأسود على شكل نجمة، يُقدّم فيه الخبز والحلويات أو يُعلّق على الحائط. قطره 45 سم. صناعة يدوية من بني سنوس.',
    priceDzd: 1800,
    stock: 10,
    madeToOrderDays: 0,
    weightG: 450,
    featured: false,
    photoCount: 2,
  },
  {
    slug: 'hasira-halfa-120x180',
    shopSlug: 'halfa-beni-snous',
    categorySlug: 'baskets',
    title: 'حصيرة من الحلفاء 120×180 سم',
    description:
      'حصيرة أرضية منسوجة من الحلفاء على الطريقة القديمة، تُفرش في الصالون أو على السطح في الصيف. تستغرق حوالي أسبوعين من العمل. تُنفض وتُهوّى بانتظام.',
    priceDzd: 4800,
    stock: 0,
    madeToOrderDays: 0,
    weightG: 3500,
    featured: false,
    photoCount: 1,
  },
  {
    slug: 'sallat-khubz-halfa-bighita',
    shopSlug: 'halfa-beni-snous',
    categorySlug: 'baskets',
    title: 'سلة خبز من الحلفاء بغطاء',
    description:
      'سلة دائرية بغطاء محكم تحفظ الكسرة والخبز طريًا. قطرها 30 سم وارتفاعها 18 سم. ضفر ناعم ومتقن.',
    priceDzd: 2000,
    stock: 8,
    madeToOrderDays: 0,
    weightG: 550,
    featured: false,
    photoCount: 2,
  },
  {
    slug: 'sallat-ghasil-halfa-kabira',
    shopSlug: 'halfa-beni-snous',
    categorySlug: 'baskets',
    title: 'سلة غسيل كبيرة من الحلفاء',
    description:
      'سلة عالية بغطاء ومقبضين لجمع الملابس أو تخزين البطانيات. ارتفاعها 55 سم وقطرها 40 سم. متينة وخفيفة وتسمح بتهوية ما بداخلها.',
    priceDzd: 4500,
    stock: 2,
    madeToOrderDays: 10,
    weightG: 1800,
    featured: false,
    photoCount: 2,
  },
  {
    slug: 'naanaa-mujaffaf-100g',
    shopSlug: 'halfa-beni-snous',
    categorySlug: 'herbs-spices',
    title: 'نعناع مجفف 100 غ',
    description:
      'نعناع بلدي من حديقة الدار في بني سنوس، يُجفف في الظل ويُحفظ أوراقًا كاملة. لتحضير الشاي في غير موسم النعناع الأخضر أو لتتبيل اللبن والسلطات.',
    priceDzd: 300,
    stock: 30,
    madeToOrderDays: 0,
    weightG: 130,
    featured: false,
    photoCount: 1,
  },
  {
    slug: 'louiza-mujaffafa-50g',
    shopSlug: 'halfa-beni-snous',
    categorySlug: 'herbs-spices',
    title: 'لويزة مجففة 50 غ',
    description:
      'أوراق اللويزة مجففة بعناية، بعطر ليموني هادئ. تُشرب منقوعًا بعد العشاء أو تُضاف إلى الشاي. تُحفظ في علبة محكمة بعيدًا عن الضوء.',
    priceDzd: 350,
    stock: 19,
    madeToOrderDays: 0,
    weightG: 80,
    featured: false,
    photoCount: 1,
  },

  // ── كسكس دار الجدّة – بني ورتيلان (Sétif) ───────────────────────────────
  {
    slug: 'kuskus-baladi-qamh-salb-1kg',
    shopSlug: 'kuskus-dar-el-djedda',
    categorySlug: 'couscous-pasta',
    title: 'كسكس بلدي بالقمح الصلب – 1 كغ',
    description:
      'كسكس متوسط الحبة مفتول يدويًا في القصعة من سميد القمح الصلب الذي تزرعه العائلة في بني ورتيلان. يُبخّر مرتين ثم يُجفف تحت الشمس، فيبقى حبه متماسكًا بعد الطبخ. يُحفظ في مكان جاف حتى سنة كاملة.',
    priceDzd: 650,
    stock: 55,
    madeToOrderDays: 0,
    weightG: 1050,
    featured: true,
    photoCount: 3,
  },
  {
    slug: 'kuskus-raqiq-masfouf-1kg',
    shopSlug: 'kuskus-dar-el-djedda',
    categorySlug: 'couscous-pasta',
    title: 'كسكس رقيق للمسفوف – 1 كغ',
    description:
      'كسكس ناعم الحبة مخصص للمسفوف بالزبيب والسكر أو بالفول الأخضر. مفتول يدويًا من سميد ناعم ومجفف طبيعيًا. يتضاعف حجمه عند التبخير.',
    priceDzd: 700,
    stock: 32,
    madeToOrderDays: 0,
    weightG: 1050,
    featured: false,
    photoCount: 2,
  },
  {
    slug: 'berkoukes-1kg',
    shopSlug: 'kuskus-dar-el-djedda',
    categorySlug: 'couscous-pasta',
    title: 'بركوكس – 1 كغ',
    description:
      'حبيبات عجين كبيرة مفتولة يدويًا ومحمصة قليلًا، تُطبخ بالمرق الأحمر والخضر والحمص في أيام البرد. مكوناتها سميد القمح الصلب والماء والملح فقط. مدة الطبخ حوالي 25 دقيقة.',
    priceDzd: 600,
    stock: 40,
    madeToOrderDays: 0,
    weightG: 1050,
    featured: false,
    photoCount: 1,
  },
  {
    slug: 'kuskus-qamh-kamil-asmar-1kg',
    shopSlug: 'kuskus-dar-el-djedda',
    categorySlug: 'couscous-pasta',
    title: 'كسكس القمح الكامل (الأسمر) – 1 كغ',
    description:
      'كسكس مفتول من دقيق القمح الكامل المطحون في المطحنة الحجرية، بلون أسمر وطعم الحبوب. غني بالألياف ومناسب لنظام غذائي صحي. يُبخّر ثلاث مرات للحصول على أفضل نتيجة.',
    priceDzd: 850,
    stock: 18,
    madeToOrderDays: 0,
    weightG: 1050,
    featured: false,
    photoCount: 2,
  },
  {
    slug: 'rechta-mujaffafa-1kg',
    shopSlug: 'kuskus-dar-el-djedda',
    categorySlug: 'couscous-pasta',
    title: 'رشتة مجففة – 1 كغ',
    description:
      'خيوط عجين رقيقة مقطعة يدويًا ومجففة، تُطهى بالبخار وتُقدَّم بالمرق الأبيض والدجاج واللفت. مكوناتها دقيق القمح والماء والملح. تُبخَّر مرتين قبل التقديم.',
    priceDzd: 800,
    stock: 26,
    madeToOrderDays: 0,
    weightG: 1050,
    featured: false,
    photoCount: 2,
  },
  {
    slug: 'trida-manziliya-500g',
    shopSlug: 'kuskus-dar-el-djedda',
    categorySlug: 'couscous-pasta',
    title: 'تريدة منزلية – 500 غ',
    description:
      'مربعات عجين صغيرة رقيقة تُفرد وتُقطع يدويًا ثم تُجفف، لتحضير التريدة بالمرق الأحمر والدجاج. من دقيق القمح الصلب والماء والملح. الكيس يكفي ستة أشخاص.',
    priceDzd: 550,
    stock: 14,
    madeToOrderDays: 0,
    weightG: 530,
    featured: false,
    photoCount: 1,
  },
  {
    slug: 'chakhchoukha-mujaffafa-1kg',
    shopSlug: 'kuskus-dar-el-djedda',
    categorySlug: 'couscous-pasta',
    title: 'شخشوخة مجففة مقطعة – 1 كغ',
    description:
      'رقائق عجين تُطهى على الطاجين ثم تُقطّع قطعًا صغيرة وتُجفف، جاهزة لتحضير الشخشوخة بالمرق الأحمر. تُبخّر أو تُسقى بالمرق مباشرة. مصنوعة يدويًا بالكامل.',
    priceDzd: 900,
    stock: 0,
    madeToOrderDays: 0,
    weightG: 1050,
    featured: false,
    photoCount: 2,
  },

  // ── حلويات لالة زهور (Constantine) ──────────────────────────────────────
  {
    slug: 'jawziya-qassantiniya-500g',
    shopSlug: 'halawiyat-lalla-zhor',
    categorySlug: 'traditional-sweets',
    title: 'جوزية قسنطينية – علبة 500 غ',
    description:
      'حلوى قسنطينة الشهيرة بالجوز والعسل وبياض البيض، مطهوة ببطء ومقطعة مربعات صغيرة. تحضّرها زهور بعد الطلب وتغلف كل قطعة بورق شفاف. تُحفظ في مكان بارد حتى شهر.',
    priceDzd: 4000,
    stock: 3,
    madeToOrderDays: 3,
    weightG: 650,
    featured: true,
    photoCount: 3,
  },
  {
    slug: 'baqlawa-lawz-24-qitaa',
    shopSlug: 'halawiyat-lalla-zhor',
    categorySlug: 'traditional-sweets',
    title: 'بقلاوة باللوز – علبة 24 قطعة',
    description:
      'بقلاوة بطبقات رقيقة من العجين المفرود يدويًا، محشوة باللوز المطحون والقرفة ومسقية بالعسل وماء الزهر. علبة من 24 قطعة. تُحفظ عشرة أيام في درجة حرارة الغرفة.',
    priceDzd: 3800,
    stock: 8,
    madeToOrderDays: 3,
    weightG: 1100,
    featured: false,
    photoCount: 2,
  },
  {
    slug: 'maqrout-asal-tamr-1kg',
    shopSlug: 'halawiyat-lalla-zhor',
    categorySlug: 'traditional-sweets',
    title: 'مقروط العسل بالتمر – 1 كغ',
    description:
      'مقروط بالسميد الخشن محشو بعجينة التمر، مقلي ومغموس في العسل. حوالي 35 قطعة في العلبة. تحضير عائلي بمكونات طبيعية دون ملونات.',
    priceDzd: 2200,
    stock: 20,
    madeToOrderDays: 0,
    weightG: 1150,
    featured: false,
    photoCount: 2,
  },
  {
    slug: 'tcharek-msakar-30-qitaa',
    shopSlug: 'halawiyat-lalla-zhor',
    categorySlug: 'traditional-sweets',
    title: 'تشاراك مسكر – علبة 30 قطعة',
    description:
      'حلوى على شكل هلال محشوة باللوز ومغطاة بالسكر الناعم، من أشهر حلويات الأعراس في الشرق الجزائري. علبة من 30 قطعة. تُحفظ أسبوعين في علبة محكمة.',
    priceDzd: 3200,
    stock: 12,
    madeToOrderDays: 0,
    weightG: 850,
    featured: false,
    photoCount: 2,
  },
  {
    slug: 'kaak-nekkache-1kg',
    shopSlug: 'halawiyat-lalla-zhor',
    categorySlug: 'traditional-sweets',
    title: 'كعك النقّاش – علبة 1 كغ',
    description:
      'كعك قسنطيني محشو بعجينة التمر ومزخرف بالملقط النحاسي قطعة قطعة. عجينه هش بالزبدة وماء الزهر. رفيق قهوة العصر.',
    priceDzd: 2500,
    stock: 15,
    madeToOrderDays: 0,
    weightG: 1100,
    featured: false,
    photoCount: 1,
  },
  {
    slug: 'ghribiya-lawz-500g',
    shopSlug: 'halawiyat-lalla-zhor',
    categorySlug: 'traditional-sweets',
    title: 'غريبية اللوز – علبة 500 غ',
    description:
      'غريبية باللوز والزبدة والسكر الناعم تذوب في الفم. في العلبة حوالي 30 قطعة. بدون مواد حافظة.',
    priceDzd: 1800,
    stock: 25,
    madeToOrderDays: 0,
    weightG: 600,
    featured: false,
    photoCount: 1,
  },
  {
    slug: 'tashkilat-halawiyat-al-eid-40',
    shopSlug: 'halawiyat-lalla-zhor',
    categorySlug: 'traditional-sweets',
    title: 'تشكيلة حلويات العيد – علبة 40 قطعة',
    description:
      'علبة هدية تجمع الجوزية والبقلاوة والتشاراك والمقروط والغريبية، 40 قطعة مرتبة في أوراق صغيرة. تُحضَّر حسب الطلب خلال ثلاثة أيام. مثالية للأعياد والخطوبة.',
    priceDzd: 4000,
    stock: 6,
    madeToOrderDays: 3,
    weightG: 1300,
    featured: false,
    photoCount: 3,
  },

  // ── خيرات نخيل طولقة (Biskra) ───────────────────────────────────────────
  {
    slug: 'deglet-nour-mahshuw-lawz-1kg',
    shopSlug: 'khayrat-nakhil-tolga',
    categorySlug: 'traditional-sweets',
    title: 'دقلة نور محشوة باللوز – علبة 1 كغ',
    description:
      'تمر دقلة نور من نخيل العائلة في طولقة، منزوع النوى ومحشو بعجينة اللوز وماء الزهر. مرتب في علبة هدية من الكرتون. يُحفظ في الثلاجة حتى شهرين.',
    priceDzd: 3500,
    stock: 10,
    madeToOrderDays: 0,
    weightG: 1200,
    featured: true,
    photoCount: 3,
  },
  {
    slug: 'ajinat-tamr-1kg',
    shopSlug: 'khayrat-nakhil-tolga',
    categorySlug: 'traditional-sweets',
    title: 'عجينة التمر – 1 كغ',
    description:
      'عجينة تمر منزوعة النوى ومعجونة يدويًا، لحشو المقروط والكعك أو لتؤكل مع الزبدة واللبن. مصنوعة من تمر الواحة 100% دون سكر مضاف. تُحفظ في مكان بارد.',
    priceDzd: 1500,
    stock: 30,
    madeToOrderDays: 0,
    weightG: 1050,
    featured: false,
    photoCount: 1,
  },
  {
    slug: 'rubb-tamr-500g',
    shopSlug: 'khayrat-nakhil-tolga',
    categorySlug: 'traditional-sweets',
    title: 'رُبّ التمر – 500 غ',
    description:
      'عسل التمر المطبوخ ببطء على نار الحطب حتى يتكثف، بطعم كراميل طبيعي. يُدهن على الخبز أو يُضاف إلى العصيدة. برطمان زجاجي دون سكر مضاف.',
    priceDzd: 1600,
    stock: 1,
    madeToOrderDays: 0,
    weightG: 750,
    featured: false,
    photoCount: 1,
  },
  {
    slug: 'quffa-saaf-nakhil-mulawwana',
    shopSlug: 'khayrat-nakhil-tolga',
    categorySlug: 'baskets',
    title: 'قفة من سعف النخيل ملونة',
    description:
      'قفة مضفورة من سعف النخيل المجفف بخطوط حمراء وخضراء، بمقبضين من السعف المفتول. قطرها 38 سم. خفيفة ومتينة للتسوق أو للشاطئ.',
    priceDzd: 2800,
    stock: 7,
    madeToOrderDays: 0,
    weightG: 650,
    featured: false,
    photoCount: 2,
  },
  {
    slug: 'hinna-biskra-250g',
    shopSlug: 'khayrat-nakhil-tolga',
    categorySlug: 'soap-cosmetics',
    title: 'حناء بسكرة الطبيعية 250 غ',
    description:
      'أوراق حناء مزروعة في واحات بسكرة، مجففة في الشمس ومطحونة ناعمًا ومنخولة مرتين. لصبغ الشعر وتقويته ولنقش اليدين. دون أي إضافات كيميائية.',
    priceDzd: 500,
    stock: 38,
    madeToOrderDays: 0,
    weightG: 280,
    featured: false,
    photoCount: 2,
  },
  {
    slug: 'kamoun-baladi-wahat-200g',
    shopSlug: 'khayrat-nakhil-tolga',
    categorySlug: 'herbs-spices',
    title: 'كمون بلدي من الواحات 200 غ',
    description:
      'حبوب كمون مزروعة في حقول الزيبان، منقاة يدويًا وغير مطحونة لتحافظ على عطرها. تُطحن عند الاستعمال للمرق والسلطات والحريرة.',
    priceDzd: 600,
    stock: 0,
    madeToOrderDays: 0,
    weightG: 230,
    featured: false,
    photoCount: 1,
  },

  // ── ماء الورد – الشفة (Blida) ───────────────────────────────────────────
  {
    slug: 'ma-al-ward-muqattar-250ml',
    shopSlug: 'ma-el-ward-chiffa',
    categorySlug: 'soap-cosmetics',
    title: 'ماء الورد المقطر 250 مل',
    description:
      'ماء ورد بلدي مقطر في القطّار النحاسي من ورود حدائق الشفة، دون كحول أو عطور مضافة. منعش للبشرة ومزيل لطيف للمكياج، ويُستعمل أيضًا في الحلويات. يُحفظ في الثلاجة بعد الفتح.',
    priceDzd: 700,
    stock: 30,
    madeToOrderDays: 0,
    weightG: 380,
    featured: false,
    photoCount: 3,
  },
  {
    slug: 'ma-al-zahr-muqattar-500ml',
    shopSlug: 'ma-el-ward-chiffa',
    categorySlug: 'soap-cosmetics',
    title: 'ماء الزهر المقطر 500 مل',
    description:
      'ماء زهر النارنج مقطر في الربيع على طريقة أهل البليدة. يعطّر الحلويات والقهوة ويهدئ البشرة. زجاجة 500 مل.',
    priceDzd: 800,
    stock: 24,
    madeToOrderDays: 0,
    weightG: 700,
    featured: false,
    photoCount: 2,
  },
  {
    slug: 'sabun-al-ghar-zayt-zaytun',
    shopSlug: 'ma-el-ward-chiffa',
    categorySlug: 'soap-cosmetics',
    title: 'صابون الغار بزيت الزيتون',
    description:
      'صابون صلب مصنوع بالطريقة الباردة من زيت الزيتون وزيت حب الغار، يُترك ليجف ستة أسابيع. مناسب للبشرة الدهنية ولفروة الرأس. قطعة 120 غ.',
    priceDzd: 450,
    stock: 45,
    madeToOrderDays: 0,
    weightG: 130,
    featured: false,
    photoCount: 2,
  },
  {
    slug: 'sabun-ma-al-ward-halib-maaz',
    shopSlug: 'ma-el-ward-chiffa',
    categorySlug: 'soap-cosmetics',
    title: 'صابون ماء الورد وحليب الماعز',
    description:
      'صابون ناعم يجمع ماء الورد المقطر وحليب الماعز وزيت اللوز الحلو، بعطر ورد خفيف. مناسب للبشرة الجافة والحساسة. قطعة 100 غ ملفوفة يدويًا.',
    priceDzd: 550,
    stock: 28,
    madeToOrderDays: 0,
    weightG: 110,
    featured: false,
    photoCount: 1,
  },
  {
    slug: 'marham-shifah-sham-nahl',
    shopSlug: 'ma-el-ward-chiffa',
    categorySlug: 'soap-cosmetics',
    title: 'مرهم الشفاه بشمع النحل وزيت الزيتون',
    description:
      'مرهم مرطب بسيط من شمع النحل وزيت الزيتون وزبدة الكاكاو وقطرات من ماء الورد. يحمي الشفاه من البرد والتشقق. علبة معدنية 15 مل.',
    priceDzd: 400,
    stock: 20,
    madeToOrderDays: 0,
    weightG: 40,
    featured: false,
    photoCount: 1,
  },
  {
    slug: 'tafl-hammam-ma-al-ward-200g',
    shopSlug: 'ma-el-ward-chiffa',
    categorySlug: 'soap-cosmetics',
    title: 'طفل الحمام بماء الورد 200 غ',
    description:
      'طين الطفل التقليدي منقوع في ماء الورد ومجفف على شكل أقراص، كما كانت تحمله الجدات إلى الحمام. يُذوَّب في قليل من الماء ويُوضع على الشعر أو البشرة عشر دقائق ثم يُشطف. ينظف بلطف دون أن يجفف.',
    priceDzd: 450,
    stock: 33,
    madeToOrderDays: 0,
    weightG: 230,
    featured: false,
    photoCount: 2,
  },
  {
    slug: 'baraim-ward-baladi-mujaffafa-50g',
    shopSlug: 'ma-el-ward-chiffa',
    categorySlug: 'herbs-spices',
    title: 'براعم الورد البلدي المجففة 50 غ',
    description:
      'براعم ورد مقطوفة قبل تفتحها ومجففة في الظل، تُضاف إلى رأس الحانوت والشاي أو تُنقع لتعطير الماء. عطرها قوي وطبيعي. في علبة زجاجية صغيرة.',
    priceDzd: 500,
    stock: 16,
    madeToOrderDays: 0,
    weightG: 150,
    featured: false,
    photoCount: 1,
  },
]

/**
 * The demo facilitator (`facilitatrice@taswiq.dz`, issue 22): her wilayas, and the approved demo
 * shops she helps. Constantine's sweets and Ghardaïa's carpets: no other browser test uses them.
 */
export const seedAssisted = { wilayaCodes: [25, 47], shopSlugs: ['halawiyat-lalla-zhor', 'zarabi-el-atteuf'] }

/** Applications waiting in the moderators' queue (and one rejected), so the queue is never empty in the demo. */
export type SeedApplication = Omit<SeedShop, 'slug'> & {
  slug: string
  status: 'pending' | 'rejected'
  submittedDaysAgo: number
  reviewReasonCode?: string
  reviewReason?: string
}

export const seedApplications: SeedApplication[] = [
  {
    slug: 'dar-zineb-tlemcen',
    name: 'دار زينب للخياطة التقليدية',
    story: 'أخيط الشدة التلمسانية والقفطان في بيتي بمغنية منذ خمس عشرة سنة، وأعلّم بناتي الحرفة.',
    ownerName: 'زينب بلقايد',
    ownerEmail: 'zineb.belkaid@demo.taswiq.dz',
    communeCode: '13001',
    producerCategory: 'rural_woman',
    artisanCardNumber: 'CA-13-2021-00981',
    tradeRegisterNumber: null,
    nif: '198813020456712',
    phone: '0551203344',
    payoutMethod: 'ccp',
    payoutAccount: '0023456789 17',
    status: 'pending',
    submittedDaysAgo: 3,
  },
  {
    slug: 'miel-des-aures',
    name: 'Miel des Aurès',
    story: 'Apiculteur à Arris depuis 2009 : miel de jujubier et de montagne, récolté à la main.',
    ownerName: 'Salim Benbouzid',
    ownerEmail: 'salim.benbouzid@demo.taswiq.dz',
    communeCode: '05007',
    producerCategory: 'productive_family',
    artisanCardNumber: 'CA-05-2019-00312',
    tradeRegisterNumber: null,
    nif: '197905050112398',
    phone: '0661457812',
    payoutMethod: 'rip',
    payoutAccount: '00799999002345678912',
    status: 'pending',
    submittedDaysAgo: 1,
  },
  {
    slug: 'taawuniyat-al-zaitoun-jijel',
    name: 'تعاونية الزيتون – جيجل',
    story: 'تعاونية نسوية تعصر زيت الزيتون بالطريقة التقليدية في الميلية.',
    ownerName: 'فريدة بوشلاغم',
    ownerEmail: 'farida.bouchelaghem@demo.taswiq.dz',
    communeCode: '18001',
    producerCategory: 'cooperative',
    artisanCardNumber: null,
    tradeRegisterNumber: '18/00-0456123 B 20',
    nif: '002018045612300',
    phone: '0770124589',
    payoutMethod: 'rip',
    payoutAccount: '00799999001234567890',
    status: 'rejected',
    submittedDaysAgo: 6,
    reviewReasonCode: 'unreadable_documents',
    reviewReason: 'صورة السجل التجاري غير واضحة، يرجى إرسال صورة أوضح.',
  },
]

// ---------------------------------------------------------------------------
// Listings waiting for the moderators, and buyers' reports
// ---------------------------------------------------------------------------

/** A listing sent for review `submittedHoursAgo`; `publishedDaysAgo` marks an edit of a listing that was already public. */
export type SeedPendingProduct = SeedProduct & {
  submittedHoursAgo: number
  publishedDaysAgo?: number
  /** Versions in the site's other languages (products.title_ar … description_en), shown to the moderator. */
  versions?: Partial<Record<'titleAr' | 'titleFr' | 'titleEn' | 'descriptionAr' | 'descriptionFr' | 'descriptionEn', string>>
}

/**
 * The product review queue of the demo, oldest first. The browser tests each decide on their own
 * listing here (see tests/e2e/listing-review*.spec.ts), so the queue keeps some for the demo.
 */
export const seedPendingProducts: SeedPendingProduct[] = [
  {
    slug: 'tajine-fakhar-mulawwan-30cm',
    shopSlug: 'poterie-tasga-maatkas',
    categorySlug: 'pottery',
    title: 'طاجين فخار ملوّن – 30 سم',
    description: 'طاجين من طين معاتقة، مشكّل باليد ومطليّ بألوان ترابية. يصلح للطهي على نار هادئة وللتقديم.',
    priceDzd: 2600,
    stock: 6,
    madeToOrderDays: 0,
    weightG: 2200,
    featured: false,
    photoCount: 2,
    submittedHoursAgo: 100,
  },
  {
    slug: 'savon-argile-ghassoul-100g',
    shopSlug: 'cooperative-tazemourt-seddouk',
    categorySlug: 'soap-cosmetics',
    title: 'Savon à l’argile et au ghassoul – 100 g',
    description: 'Savon saponifié à froid à l’huile d’olive de Seddouk, enrichi d’argile ghassoul. Pour peaux grasses.',
    priceDzd: 450,
    stock: 40,
    madeToOrderDays: 0,
    weightG: 110,
    featured: false,
    photoCount: 1,
    submittedHoursAgo: 80,
    versions: {
      titleAr: 'صابون الطين والغاسول – 100 غ',
      descriptionAr: 'صابون مصنوع على البارد بزيت زيتون صدوق، مدعّم بطين الغاسول. للبشرة الدهنية.',
      titleEn: 'Ghassoul clay soap – 100 g',
    },
  },
  {
    slug: 'khatam-fidda-fayruz',
    shopSlug: 'fidhat-al-ahaggar-tazrouk',
    categorySlug: 'jewellery',
    title: 'خاتم فضة بحجر الفيروز',
    description: 'خاتم من الفضة مصوغ يدويًا على طريقة التوارق، مرصّع بحجر فيروز. المقاس قابل للتعديل عند الطلب.',
    priceDzd: 5200,
    stock: 3,
    madeToOrderDays: 5,
    weightG: 30,
    featured: false,
    photoCount: 1,
    submittedHoursAgo: 60,
  },
  {
    slug: 'mendil-mtarraz-fetla',
    shopSlug: 'dar-el-fetla-casbah',
    categorySlug: 'embroidery-textiles',
    title: 'منديل مطرّز بالفتلة',
    description: 'منديل من القطيفة مطرّز بخيط الفتلة الذهبي، على طريقة القصبة. قطعة واحدة.',
    priceDzd: 3800,
    stock: 1,
    madeToOrderDays: 0,
    weightG: 120,
    featured: false,
    photoCount: 1,
    submittedHoursAgo: 40,
  },
  {
    slug: 'asal-sidr-jabali-1kg',
    shopSlug: 'taawuniyat-nahhali-tamesguida',
    categorySlug: 'honey',
    title: 'عسل السدر الجبلي – 1 كغ',
    description: 'عسل سدر من جبال تمزقيدة، غير مبستر وغير مصفّى صناعيًا. عدّلت التعاونية الوصف والصور بعد حصاد هذا العام.',
    priceDzd: 9000,
    stock: 12,
    madeToOrderDays: 0,
    weightG: 1300,
    featured: false,
    photoCount: 2,
    submittedHoursAgo: 20,
    publishedDaysAgo: 45,
  },
  {
    slug: 'zarbiya-sufiya-mulawwana-60x90',
    shopSlug: 'zarabi-el-atteuf',
    categorySlug: 'embroidery-textiles',
    title: 'زربية صوفية ملوّنة – 60×90',
    description: 'زربية صغيرة من صوف الغنم، منسوجة على المنسج التقليدي في العطف بألوان طبيعية.',
    priceDzd: 14000,
    stock: 2,
    madeToOrderDays: 0,
    weightG: 2500,
    featured: false,
    photoCount: 1,
    submittedHoursAgo: 6,
  },
]

/** Open reports on public demo listings, so the reports queue is not empty. `reporter: 'buyer'` is the demo buyer; null a visitor. */
export type SeedReport = { productSlug: string; reasonCode: 'prohibited_item' | 'counterfeit' | 'misleading' | 'offensive' | 'other'; note: string; reporter: 'buyer' | null; hoursAgo: number }

export const seedReports: SeedReport[] = [
  { productSlug: 'aqrat-fiddiya-targuiya', reasonCode: 'counterfeit', note: 'هذه الأقراط ليست من الفضة، رأيت نفسها في السوق بثمن أقل بكثير.', reporter: 'buyer', hoursAgo: 30 },
  { productSlug: 'aqrat-fiddiya-targuiya', reasonCode: 'misleading', note: 'Les photos ne correspondent pas à l’article reçu par ma sœur.', reporter: null, hoursAgo: 12 },
  { productSlug: 'rubb-tamr-500g', reasonCode: 'other', note: 'لا يذكر تاريخ انتهاء الصلاحية.', reporter: null, hoursAgo: 8 },
]
