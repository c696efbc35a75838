import { databaseOf, paths, type Route } from './router';

function NavLink({ href, current, children }: { href: string; current: boolean; children: string }) {
  return (
    <a href={href} class={current ? 'nav-current' : undefined} aria-current={current ? 'page' : undefined}>
      {children}
    </a>
  );
}

/**
 * The Studio's navigation, in the words of the book: Databases; per database Documents and
 * Settings → Connection Strings, Settings → Manage Ongoing Tasks.
 */
export function Nav({ route }: { route: Route }) {
  const db = databaseOf(route);
  const page = route.page;
  const inTasks = page === 'ongoing-tasks' || page === 'etl-task' || page === 'task-details';
  return (
    <header class="sidebar">
      <a class="brand" href={paths.databases()}>
        <span class="brand-mark" aria-hidden="true">
          ◆
        </span>{' '}
        Corvid Studio
      </a>
      <nav aria-label="Studio">
        <ul class="nav-list">
          <li>
            <NavLink href={paths.databases()} current={page === 'databases'}>
              Databases
            </NavLink>
          </li>
        </ul>
        {db && (
          <section class="nav-database" aria-label={`Database ${db}`}>
            <p class="nav-database-name" title={db}>
              <span class="muted">Database</span> <strong>{db}</strong>
            </p>
            <ul class="nav-list">
              <li>
                <NavLink href={paths.documents(db)} current={page === 'documents' || page === 'document'}>
                  Documents
                </NavLink>
              </li>
              <li class="nav-group">
                <span class="nav-group-title" id="nav-settings">
                  Settings
                </span>
                <ul class="nav-list nav-sublist" aria-labelledby="nav-settings">
                  <li>
                    <NavLink href={paths.connectionStrings(db)} current={page === 'connection-strings'}>
                      Connection Strings
                    </NavLink>
                  </li>
                  <li>
                    <NavLink href={paths.ongoingTasks(db)} current={inTasks}>
                      Manage Ongoing Tasks
                    </NavLink>
                  </li>
                </ul>
              </li>
            </ul>
          </section>
        )}
      </nav>
    </header>
  );
}
