import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/shared/logger.js';

/** A logger whose lines are kept, to be searched for what must never be written. */
function capturingLogger() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { logger: createLogger('trace', destination), output: () => lines.join('') };
}

const SECRETS = {
  token: '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghi',
  dataKey: 'data-key-q1w2e3r4t5y6u7i8o9p0',
  idPepper: 'pepper-zxcvbnmasdfghjkl',
  adminToken: 'admin-token-0192837465qpwoeiruty',
  webhookSecret: 'webhook-secret-lkjhgfdsapoiuytrewq',
  password: 'pg-password-mnbvcxz',
  chatId: '987654321777',
  text: 'they took my passport yesterday',
  phone: '+355691234567',
  firstName: 'Elira-Firstname',
  username: 'elira_username_42',
};

describe('the logger', () => {
  it('hides secrets and identifying fields however deeply they are nested, in arrays too', () => {
    const { logger, output } = capturingLogger();
    logger.info(
      {
        job: 'relay',
        level1: {
          level2: {
            level3: {
              level4: {
                level5: { TELEGRAM_BOT_TOKEN: SECRETS.token, DATA_KEY: SECRETS.dataKey, config: { secrets: { idPepper: SECRETS.idPepper } } },
                adminToken: SECRETS.adminToken,
              },
            },
            list: [{ deeper: [{ webhook_secret: SECRETS.webhookSecret }] }, [{ Password: SECRETS.password }]],
          },
        },
        updates: [
          {
            update_id: 7,
            message: { message_id: 3, chat: { id: Number(SECRETS.chatId), type: 'private' }, from: { id: 5, first_name: SECRETS.firstName, username: SECRETS.username }, text: SECRETS.text },
          },
          { update_id: 8, message: { contact: { phone_number: SECRETS.phone } }, chatId: SECRETS.chatId },
        ],
        nested: { user: { id: 5, first_name: SECRETS.firstName } },
      },
      'update handled',
    );
    const written = output();
    for (const [name, secret] of Object.entries(SECRETS)) expect(written, name).not.toContain(secret);
    // What is not identifying stays, so the line is still useful.
    const line = JSON.parse(written) as Record<string, unknown>;
    expect(line).toMatchObject({ job: 'relay', msg: 'update handled', updates: [{ update_id: 7, message: { message_id: 3 } }, { update_id: 8 }] });
  });

  it('hides them in child bindings, in errors and in objects that refer to themselves', () => {
    const { logger, output } = capturingLogger();
    const circular: Record<string, unknown> = { a: { b: { c: { d: { token: SECRETS.token } } } } };
    circular.self = circular;
    logger.child({ request: { headers: { authorization: `Bearer ${SECRETS.adminToken}` } } }).warn({ circular }, 'circular');
    const error = Object.assign(new Error('relay failed'), { details: { deep: { deeper: { text: SECRETS.text } } } });
    logger.error({ err: error }, 'failed');
    const written = output();
    expect(written).not.toContain(SECRETS.token);
    expect(written).not.toContain(SECRETS.adminToken);
    expect(written).not.toContain(SECRETS.text);
    expect(JSON.parse(written.trim().split('\n').at(-1) ?? '')).toMatchObject({ err: { type: 'Error', message: 'relay failed' } });
  });

  it('hides the password of a database URL and a bot token in a URL wherever they appear, the message included', () => {
    const { logger, output } = capturingLogger();
    logger.warn(
      { target: { deep: { deeper: { where: `postgresql://ura:${SECRETS.password}@db:5432/ura?sslmode=require` } } }, list: [`postgres://db/ura?PassWord=${SECRETS.password}&schema=x`] },
      `cannot reach postgresql://ura:${SECRETS.password}@db/ura?password=${SECRETS.password}`,
    );
    logger.error({ err: new Error(`request to https://api.telegram.org/bot${SECRETS.token}/getMe failed`) }, 'calling %s', `https://api.telegram.org/bot${SECRETS.token}/getUpdates`);
    const written = output();
    expect(written).not.toContain(SECRETS.password);
    expect(written).not.toContain(SECRETS.token);
    expect(written).toContain('postgresql://ura:***@db:5432/ura');
  });
});
