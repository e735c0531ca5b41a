// The open data's dictionary (issue 22, decision 021): every dataset and column in Arabic, French
// and English. Not a `.server` file: the public page shows it too. The generator refuses a column
// missing here, so a file cannot be published without its description.

type Text = { ar: string; fr: string; en: string }
export type DatasetDefinition = { title: Text; description: Text; columns: Record<string, Text> }

const wilaya: Text = { ar: 'رمز الولاية الرسمي', fr: 'Code officiel de la wilaya', en: 'Official wilaya code' }
const month: Text = { ar: 'الشهر (بتوقيت الجزائر)', fr: 'Mois (heure d’Alger)', en: 'Month (Algiers time)' }
const producers: Text = { ar: 'عدد المنتجين النشطين (متاجر مقبولة لها منتج معروض)', fr: 'Producteurs actifs (boutiques approuvées avec au moins un produit en vente)', en: 'Active producers (approved shops with at least one product on sale)' }
const products: Text = { ar: 'المنتجات المعروضة للبيع', fr: 'Produits en vente', en: 'Products on sale' }
const orders: Text = { ar: 'الطلبات خلال الشهر (دون الملغاة)', fr: 'Commandes du mois (hors annulées)', en: 'Orders in the month (cancelled ones excluded)' }
const sales: Text = { ar: 'المبيعات بالدينار (مبلغ المنتجات)', fr: 'Ventes en dinars (montant des articles)', en: 'Sales in dinars (items amount)' }

export const openDataDatasets = {
  'by-wilaya': {
    title: { ar: 'حسب الولاية', fr: 'Par wilaya', en: 'By wilaya' },
    description: {
      ar: 'المنتجون والمبيعات والدخل المدفوع للنساء وآجال الدفع ونسب الإرجاع لكل ولاية.',
      fr: 'Producteurs, ventes, revenus versés aux femmes, délais de versement et taux de retour par wilaya.',
      en: 'Producers, sales, income paid to women, payout delays and return rates per wilaya.',
    },
    columns: {
      month,
      wilaya_code: wilaya,
      active_producers: producers,
      rural_women_share: { ar: 'حصة النساء الريفيات من المنتجين (%)', fr: 'Part des femmes rurales parmi les producteurs (%)', en: 'Share of rural women among producers (%)' },
      productive_families_share: { ar: 'حصة الأسر المنتجة من المنتجين (%)', fr: 'Part des familles productives parmi les producteurs (%)', en: 'Share of productive families among producers (%)' },
      products,
      orders,
      sales_dzd: sales,
      paid_to_women_dzd: { ar: 'المبالغ المدفوعة للنساء الريفيات خلال الشهر بالدينار', fr: 'Montants versés aux femmes rurales dans le mois (DA)', en: 'Paid to rural women producers in the month (DZD)' },
      producers_first_sale: { ar: 'منتجون حققوا أول بيع خلال الشهر', fr: 'Producteurs ayant fait leur première vente dans le mois', en: 'Producers with their first sale in the month' },
      median_payout_hours: { ar: 'الوسيط بالساعات بين طلب الدفع والدفع', fr: 'Délai médian (heures) entre demande et versement', en: 'Median hours from payout request to payment' },
      return_rate: { ar: 'نسبة الطلبات المُرجعة من الطلبات المسلّمة أو المُرجعة (%)', fr: 'Taux de retour parmi les commandes livrées ou retournées (%)', en: 'Returned share of delivered or returned orders (%)' },
      cancel_rate: { ar: 'نسبة الطلبات الملغاة (رفض أو إلغاء) (%)', fr: 'Taux de commandes annulées (refus ou annulation) (%)', en: 'Cancelled share of orders (refusals and cancellations) (%)' },
    },
  },
  'by-commune': {
    title: { ar: 'حسب البلدية', fr: 'Par commune', en: 'By commune' },
    description: {
      ar: 'المنتجون والمنتجات والمبيعات لكل بلدية. تُحذف البلديات التي تضم أقل من 5 منتجين (وبلدية أخرى إن لزم) حتى لا يُعرف أي شخص.',
      fr: 'Producteurs, produits et ventes par commune. Les communes de moins de 5 producteurs (et une autre si nécessaire) sont supprimées pour que personne ne soit identifiable.',
      en: 'Producers, products and sales per commune. Communes with fewer than 5 producers (and one more when needed) are left out so that nobody can be identified.',
    },
    columns: { month, wilaya_code: wilaya, commune_code: { ar: 'رمز البلدية الرسمي', fr: 'Code officiel de la commune', en: 'Official commune code' }, active_producers: producers, products, orders, sales_dzd: sales },
  },
  'by-category': {
    title: { ar: 'حسب الفئة', fr: 'Par catégorie', en: 'By category' },
    description: {
      ar: 'المنتجون والمنتجات والمبيعات لكل ولاية وفئة منتجات؛ تُحذف الخانات التي تضم أقل من 5 منتجين.',
      fr: 'Producteurs, produits et ventes par wilaya et catégorie de produits ; les cases de moins de 5 producteurs sont supprimées.',
      en: 'Producers, products and sales per wilaya and product category; cells with fewer than 5 producers are left out.',
    },
    columns: { month, wilaya_code: wilaya, category: { ar: 'فئة المنتجات (المعرّف)', fr: 'Catégorie de produits (identifiant)', en: 'Product category (slug)' }, active_producers: producers, products, orders, sales_dzd: sales },
  },
} satisfies Record<string, DatasetDefinition>

export type OpenDataset = keyof typeof openDataDatasets
export const openDatasetNames = Object.keys(openDataDatasets) as OpenDataset[]
export const MIN_PRODUCERS_PER_CELL = 5
