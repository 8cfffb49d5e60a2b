-- The designer's draft of a journey, apart from the diagram that runs, and the drawing of every
-- version published from it, with who published it.
create table journey_draft (
    journey_id  text        primary key references journey (id),
    source_xml  text        not null,
    saved_at    timestamptz not null,
    saved_by    text        not null
);

create table journey_publication (
    journey_id    text        not null references journey (id),
    version       int         not null,
    source_xml    text        not null,
    published_at  timestamptz not null,
    published_by  text        not null,
    primary key (journey_id, version)
);
