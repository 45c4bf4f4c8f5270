// Runs once, when MongoDB's data volume is first created (docker-entrypoint-initdb.d): one user per service, each
// with its own password from the environment, so the platform's data is reachable only with credentials.
// Each service writes only its own collections (README, "Collections and owners"); the roles here are per database.
const montazz = db.getSiblingDB('montazz');
for (const service of ['auth', 'ingest', 'merge', 'portal']) {
  const password = process.env['MONGO_' + service.toUpperCase() + '_PASSWORD'];
  if (!password) {
    throw new Error('MONGO_' + service.toUpperCase() + '_PASSWORD is not set');
  }
  montazz.createUser({user: service, pwd: password, roles: [{role: 'readWrite', db: 'montazz'}]});
}
