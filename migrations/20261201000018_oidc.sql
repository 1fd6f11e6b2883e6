-- Single sign-on with OpenID Connect (auth/oidc).
--
-- A local user is linked to an identity at a provider by the provider's
-- issuer and the identity's `sub`: the only pair OpenID Connect promises
-- to be stable and never reassigned (an e-mail address may change or be
-- given to someone else later). The e-mail address is used only once, to
-- link an existing user at their first sign-in, and only when the
-- provider says it is verified.
create table user_identities (
    issuer          text not null check (length(issuer) between 1 and 500),
    subject         text not null check (length(subject) between 1 and 255),
    user_id         bigint not null references users (id),
    created_at      timestamptz not null default now(),
    last_login_at   timestamptz,
    primary key (issuer, subject)
);
create index user_identities_user on user_identities (user_id);

-- Break-glass accounts may sign in with a password even when password
-- sign-in is switched off (JOBCLASS_PASSWORD_LOGIN=false), so that an
-- administrator can still get in when the provider is down. Set only from
-- the command line (`jobclass user create --break-glass`).
alter table users add column break_glass boolean not null default false;
