// docker-compose's one-shot mongo-init, run with mongosh in mongo-1's network namespace at every start. Initiates the
// three-member replica set, makes the root user, then a role and a user per service; run again, it changes nothing
// (passwords and roles are set anew, so a changed password in .env takes effect at the next start).
//
// Each service may read the whole database but write only the collections it owns (README, "Collections and
// owners"; the contract module's MongoCollections.WRITERS, which WrittenContractTest holds this list to): a service
// whose credentials leak cannot change another's data, and the rule "one writer per collection" is kept by MongoDB.
const owners = {
  auth: ['accounts', 'auth-sessions', 'auth-sessions-oidc', 'auth-authorizations'],
  ingest: ['floors', 'ingest-sessions', 'ingest-sessions-oidc'],
  merge: ['chunks', 'takes', 'montage-takes', 'renders', 'usage', 'music',
    'videos.files', 'videos.chunks', 'thumbnails.files', 'thumbnails.chunks',
    'normalised.files', 'normalised.chunks', 'music.files', 'music.chunks'],
  portal: ['montages', 'mail', 'portal-sessions', 'portal-sessions-oidc'],
};
const members = ['mongo-1:27017', 'mongo-2:27017', 'mongo-3:27017'];

function env(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(name + ' is not set');
  }
  return value;
}

function signedIn(database) {
  try {
    return database.auth('root', env('MONGO_ROOT_PASSWORD')).ok === 1;
  } catch (e) {
    return false;
  }
}

function waitUntilPrimary() {
  for (let i = 0; i < 120 && !db.hello().isWritablePrimary; i++) {
    sleep(500);
  }
  if (!db.hello().isWritablePrimary) {
    throw new Error('mongo-1 did not become the primary within a minute');
  }
}

let admin = db.getSiblingDB('admin');
if (!signedIn(admin)) {
  // No user yet: the localhost exception lets this first connection initiate the set and make the root user.
  let initiated = true;
  try {
    rs.status();
  } catch (e) {
    initiated = false;
  }
  if (!initiated) {
    rs.initiate({_id: 'rs0', members: members.map((host, i) => ({_id: i, host, priority: i === 0 ? 2 : 1}))});
    print('Replica set rs0 initiated with ' + members.join(', '));
  }
  waitUntilPrimary();
  admin.createUser({user: 'root', pwd: env('MONGO_ROOT_PASSWORD'), roles: ['root']});
  if (!signedIn(admin)) {
    throw new Error('Could not sign in as the root user just made');
  }
} else if (!db.hello().isWritablePrimary) {
  // Another member leads now: users are written on the primary.
  db = connect('mongodb://root:' + encodeURIComponent(env('MONGO_ROOT_PASSWORD')) + '@' + members.join(',')
      + '/admin?replicaSet=rs0&authSource=admin');
  admin = db.getSiblingDB('admin');
}

const montazz = db.getSiblingDB('montazz');
for (const [service, collections] of Object.entries(owners)) {
  const role = 'montazz-' + service;
  const privileges = [
    {resource: {db: 'montazz', collection: ''},
      actions: ['find', 'listCollections', 'listIndexes', 'collStats', 'dbStats', 'killCursors']},
    ...collections.map(collection => ({resource: {db: 'montazz', collection},
      actions: ['find', 'insert', 'update', 'remove', 'createCollection', 'createIndex', 'dropIndex', 'collStats']})),
  ];
  if (montazz.getRole(role)) {
    montazz.updateRole(role, {privileges, roles: []});
  } else {
    montazz.createRole({role, privileges, roles: []});
  }
  const password = env('MONGO_' + service.toUpperCase() + '_PASSWORD');
  if (montazz.getUser(service)) {
    montazz.updateUser(service, {pwd: password, roles: [{role, db: 'montazz'}]});
  } else {
    montazz.createUser({user: service, pwd: password, roles: [{role, db: 'montazz'}]});
  }
  print('User ' + service + ' writes ' + collections.join(', '));
}
