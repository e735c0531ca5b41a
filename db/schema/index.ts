export * from './accounts'
export * from './catalog'
export * from './geo'
export * from './notifications'
