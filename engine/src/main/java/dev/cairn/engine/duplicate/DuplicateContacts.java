package dev.cairn.engine.duplicate;

import dev.cairn.engine.contact.ContactSummary;
import dev.cairn.engine.contact.Contacts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Finds contacts that are likely one person, in PostgreSQL (nothing is loaded into memory but the
 * page asked for): the same email address ignoring capitals, the same phone number (stored in
 * E.164, so written alike), or the same first and last name with an email at the same company
 * domain. Webmail domains do not count for the last rule: two Maria Garcias at gmail.com are
 * usually two people.
 */
@Service
public class DuplicateContacts {

  /** Mailbox providers shared by strangers; a shared name there says nothing. */
  static final List<String> WEBMAIL =
      List.of(
          "gmail.com",
          "googlemail.com",
          "outlook.com",
          "hotmail.com",
          "hotmail.co.uk",
          "hotmail.fr",
          "hotmail.de",
          "live.com",
          "live.co.uk",
          "live.fr",
          "msn.com",
          "yahoo.com",
          "yahoo.co.uk",
          "yahoo.fr",
          "yahoo.de",
          "yahoo.es",
          "yahoo.it",
          "ymail.com",
          "icloud.com",
          "me.com",
          "mac.com",
          "aol.com",
          "proton.me",
          "protonmail.com",
          "pm.me",
          "gmx.com",
          "gmx.de",
          "gmx.net",
          "gmx.at",
          "gmx.ch",
          "web.de",
          "t-online.de",
          "mail.com",
          "fastmail.com",
          "hey.com",
          "zoho.com",
          "yandex.com",
          "yandex.ru",
          "mail.ru",
          "orange.fr",
          "free.fr",
          "laposte.net",
          "libero.it",
          "qq.com",
          "163.com",
          "126.com",
          "naver.com",
          "online.no");

  /**
   * One row per (rule, shared value) with two or more contacts; the same set of contacts found by
   * several rules once, under the strongest.
   */
  private static final String GROUPS =
      """
      with keyed as (
        select 1 as priority, 'SAME_EMAIL' as rule, lower(email) as shared, id from contact where email is not null
        union all
        select 2, 'SAME_PHONE', phone, id from contact where phone is not null
        union all
        select 3, 'SAME_NAME_AT_COMPANY_DOMAIN',
               lower(btrim(first_name)) || ' ' || lower(btrim(last_name)) || '@' || split_part(lower(email), '@', 2), id
          from contact
         where btrim(first_name) <> '' and btrim(last_name) <> '' and email is not null
           and split_part(lower(email), '@', 2) <> all(cast(:webmail as text[]))
      ),
      grouped as (
        select k.priority, k.rule,
               -- a name as the oldest of them writes it; emails and phones as compared
               (array_agg(case k.priority when 3 then btrim(c.first_name) || ' ' || btrim(c.last_name) || ' at ' || split_part(lower(c.email), '@', 2)
                                          else k.shared end order by c.created_at, k.id))[1] as shown,
               array_agg(k.id order by c.created_at, k.id) as ids,
               array_agg(k.id order by k.id) as members,
               max(coalesce(c.last_seen_at, c.created_at)) as latest
          from keyed k join contact c on c.id = k.id
         group by k.priority, k.rule, k.shared
        having count(*) > 1
      ),
      groups as (
        select distinct on (members) priority, rule, shown, ids, latest from grouped order by members, priority
      )
      """;

  private final JdbcClient jdbc;

  DuplicateContacts(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A page of groups, those with the most recent activity first. */
  @Transactional(readOnly = true)
  public List<DuplicateGroup> groups(int offset, int limit) {
    Map<Integer, Group> page = new LinkedHashMap<>();
    jdbc.sql(
            GROUPS
                + """
                , page as (
                  select row_number() over (order by latest desc, priority, shown) as number, rule, shown, ids
                    from groups order by latest desc, priority, shown limit :limit offset :offset
                )
                select p.number, p.rule, p.shown, c.id, c.external_id, c.email, c.first_name, c.last_name, c.last_seen_at,
                       c.created_at, c.engagement_score
                  from page p cross join lateral unnest(p.ids) with ordinality as m(id, position)
                  join contact c on c.id = m.id
                 order by p.number, m.position
                """)
        .param("webmail", WEBMAIL.toArray(String[]::new))
        .param("limit", limit)
        .param("offset", offset)
        .query(
            rs -> {
              int number = rs.getInt("number");
              Group group = page.get(number);
              if (group == null) {
                group =
                    new Group(
                        DuplicateRule.valueOf(rs.getString("rule")),
                        rs.getString("shown"),
                        new ArrayList<>());
                page.put(number, group);
              }
              group.contacts().add(Contacts.summary(rs));
            });
    return page.values().stream()
        .map(group -> new DuplicateGroup(group.rule(), group.shown(), group.contacts()))
        .toList();
  }

  /** How many groups there are. */
  @Transactional(readOnly = true)
  public long count() {
    return jdbc.sql(GROUPS + " select count(*) from groups")
        .param("webmail", WEBMAIL.toArray(String[]::new))
        .query(Long.class)
        .single();
  }

  private record Group(DuplicateRule rule, String shown, List<ContactSummary> contacts) {}
}
