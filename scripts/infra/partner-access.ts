import { AclOperationTypes, AclPermissionTypes, AclResourceTypes, Kafka, logLevel, ResourcePatternTypes } from 'kafkajs';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOCAL_HOST, LOCAL_PARTNER, type LocalPorts, PARTNER_GROUP_PREFIX, PARTNER_TOPIC_PREFIX } from './config';
import { log } from './log';
import type { LocalPaths } from './paths';
import { runCommand } from './processes';

const PRINCIPAL = `User:${LOCAL_PARTNER.username}`;

/** The ACLs of the partner principal: read (and so describe) `news.*`, and use `partner*` consumer groups. */
export function partnerAcls(topicPrefix = PARTNER_TOPIC_PREFIX, groupPrefix = PARTNER_GROUP_PREFIX) {
  const allow = {
    principal: PRINCIPAL,
    host: '*',
    permissionType: AclPermissionTypes.ALLOW,
    resourcePatternType: ResourcePatternTypes.PREFIXED,
  };
  return [
    { ...allow, resourceType: AclResourceTypes.TOPIC, resourceName: topicPrefix, operation: AclOperationTypes.READ },
    { ...allow, resourceType: AclResourceTypes.GROUP, resourceName: groupPrefix, operation: AclOperationTypes.READ },
  ];
}

/**
 * Gives the local broker its partner principal: a SCRAM credential (once per data directory, since
 * the credential lives in the cluster metadata) and the partner ACLs (idempotent).
 */
export async function ensurePartnerAccess(paths: LocalPaths, ports: LocalPorts, classpath: string): Promise<void> {
  const address = `${LOCAL_HOST}:${ports.kafka}`;
  const marker = join(paths.kafka.dataDir, '.partner-credential');
  if (!existsSync(marker)) {
    await runCommand({
      command: 'java',
      args: [
        '-Xmx256m',
        '-Dorg.slf4j.simpleLogger.defaultLogLevel=warn',
        '-cp',
        classpath,
        'kafka.admin.ConfigCommand',
        '--bootstrap-server',
        address,
        '--alter',
        '--entity-type',
        'users',
        '--entity-name',
        LOCAL_PARTNER.username,
        '--add-config',
        `SCRAM-SHA-512=[password=${LOCAL_PARTNER.password}]`,
      ],
      cwd: paths.kafka.dir,
    });
    writeFileSync(marker, `${LOCAL_PARTNER.username}\n`);
    log(`kafka: partner principal "${LOCAL_PARTNER.username}" created (SCRAM-SHA-512)`);
  }
  const admin = new Kafka({ clientId: 'frontpage-infra', brokers: [address], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    await admin.createAcls({ acl: partnerAcls() });
  } catch (error) {
    // A broker started before partner access existed has no authorizer until it is restarted.
    log(`kafka: partner ACLs not set (${(error as Error).message}); restart the broker with \`npm run infra:down && npm run infra:up\``);
    return;
  } finally {
    await admin.disconnect();
  }
  log(`kafka: partners may read ${PARTNER_TOPIC_PREFIX}* at SASL_PLAINTEXT://${LOCAL_HOST}:${ports.kafkaPartner}`);
}
