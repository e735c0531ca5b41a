// Requests as the carriers document them (field names and value types of their published
// examples, values re-typed): the adapters' requests are checked against these shapes.

/** Yalidine, POST /v1/parcels: an array of parcels (documented example, first parcel). */
export const yalidineCreateExample = [
  {
    order_id: 'MyFirstOrder',
    from_wilaya_name: 'Batna',
    firstname: 'Brahim',
    familyname: 'Mohamed',
    contact_phone: '0123456789,',
    address: 'Cité Kaidi',
    to_commune_name: 'Bordj El Kiffan',
    to_wilaya_name: 'Alger',
    product_list: 'Presse à café',
    price: 3000,
    do_insurance: true,
    declared_value: 3500,
    height: 10,
    width: 20,
    length: 30,
    weight: 6,
    freeshipping: true,
    is_stopdesk: true,
    stopdesk_id: 163001,
    has_exchange: false,
  },
]

/** EcoTrack, POST /api/v1/create/order (documented required fields and types; `type` 1 = delivery). */
export const ecotrackCreateExample = {
  reference: 'CMD-1',
  nom_client: 'Mohamed',
  telephone: '0550000000',
  adresse: 'Cité 20 août',
  commune: 'Bab Ezzouar',
  code_wilaya: 16,
  montant: 3000,
  produit: 'Presse à café',
  boutique: 'Ma boutique',
  type: 1,
  stop_desk: 0,
}

/** The type of each value, for comparing a request's shape with an example's. */
export const shapeOf = (value: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typeof v === 'string' && /^\d+$/.test(v) && k.endsWith('_id') ? 'number' : typeof v]))
