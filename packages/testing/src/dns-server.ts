import dns2 from 'dns2';

const { Packet } = dns2;

export type TestDnsRecords = { txt?: string[]; cname?: string; a?: string[] };

export type TestDnsServer = {
  /** `127.0.0.1:<port>`, for AGORA_DNS_SERVERS. */
  address: string;
  /** Replace the records of one name (lower case, no trailing dot). */
  set(name: string, records: TestDnsRecords): void;
  remove(name: string): void;
  /** Answer every query with SERVFAIL (a broken resolver) until turned off. */
  failAll(on: boolean): void;
  close(): Promise<void>;
};

/**
 * A real DNS server on loopback (UDP, `dns2` from npm), authoritative for whatever names a test
 * sets: the platform's resolver talks to it over the wire exactly as to any other server. A name
 * with no records is NXDOMAIN; a name with a CNAME answers A queries with the CNAME and the
 * target's A records, as a recursive resolver would.
 */
export async function startTestDnsServer(options: { port?: number } = {}): Promise<TestDnsServer> {
  const zone = new Map<string, TestDnsRecords>();
  let failing = false;
  const server = dns2.createServer({
    udp: true,
    handle: (request, send) => {
      const response = Packet.createResponseFromRequest(request);
      const [question] = request.questions;
      if (!question || failing) {
        response.header.rcode = Packet.RCODE.SERVFAIL;
        return send(response);
      }
      const name = question.name.toLowerCase().replace(/\.$/, '');
      const records = zone.get(name);
      if (!records) {
        response.header.rcode = Packet.RCODE.NXDOMAIN;
        return send(response);
      }
      const base = { name: question.name, class: Packet.CLASS.IN, ttl: 1 };
      // dns2's types want Resource instances; plain records are what its encoder reads.
      const answer = (record: Record<string, unknown>) => response.answers.push(record as never);
      if (records.cname && question.type !== Packet.TYPE.TXT) {
        answer({ ...base, type: Packet.TYPE.CNAME, domain: records.cname });
        if (question.type === Packet.TYPE.A)
          for (const address of zone.get(records.cname)?.a ?? [])
            answer({ ...base, name: records.cname, type: Packet.TYPE.A, address });
      } else if (question.type === Packet.TYPE.TXT) {
        for (const value of records.txt ?? []) answer({ ...base, type: Packet.TYPE.TXT, data: value });
      } else if (question.type === Packet.TYPE.A) {
        for (const address of records.a ?? []) answer({ ...base, type: Packet.TYPE.A, address });
      }
      send(response);
    },
  });
  await server.listen({ udp: { port: options.port ?? 0, address: '127.0.0.1' } });
  const udp = server.addresses().udp;
  if (!udp) throw new Error('the test DNS server is not listening');
  return {
    address: `127.0.0.1:${udp.port}`,
    set: (name, records) => zone.set(name.toLowerCase(), records),
    remove: (name) => zone.delete(name.toLowerCase()),
    failAll: (on) => {
      failing = on;
    },
    close: () => server.close(),
  };
}
