import { ActivityBar } from '../components/ActivityBar';
import { ConnectionStringsPage } from '../pages/ConnectionStringsPage';
import { DatabasesPage } from '../pages/DatabasesPage';
import { DocumentPage } from '../pages/DocumentPage';
import { DocumentsPage } from '../pages/DocumentsPage';
import { EtlTaskPage } from '../pages/EtlTaskPage';
import { OngoingTasksPage } from '../pages/OngoingTasksPage';
import { TaskDetailsPage } from '../pages/TaskDetailsPage';
import { Nav } from './Nav';
import { paths, type Route, useRoute } from './router';
import { useEffect } from 'preact/hooks';

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'databases':
      return <DatabasesPage />;
    case 'documents':
      return <DocumentsPage db={route.db} collection={route.collection} start={route.start} />;
    case 'document':
      return <DocumentPage key={`${route.db}/${route.id ?? 'new'}`} db={route.db} id={route.id} collection={route.collection} />;
    case 'connection-strings':
      return <ConnectionStringsPage db={route.db} />;
    case 'ongoing-tasks':
      return <OngoingTasksPage db={route.db} />;
    case 'etl-task':
      return <EtlTaskPage key={`${route.db}/${route.etlType}/${route.taskId ?? 'new'}`} db={route.db} etlType={route.etlType} taskId={route.taskId} />;
    case 'task-details':
      return <TaskDetailsPage key={`${route.db}/${route.name}`} db={route.db} name={route.name} />;
    case 'not-found':
      return (
        <section>
          <h1>Page not found</h1>
          <p>
            There is no Studio page at <code>{route.path}</code>. Go to <a href={paths.databases()}>Databases</a>.
          </p>
        </section>
      );
  }
}

function titleOf(route: Route): string {
  const db = 'db' in route ? ` · ${route.db}` : '';
  const names: Record<Route['page'], string> = {
    databases: 'Databases',
    documents: 'Documents',
    document: 'Document',
    'connection-strings': 'Connection Strings',
    'ongoing-tasks': 'Ongoing Tasks',
    'etl-task': 'ETL Task',
    'task-details': 'Task Details',
    'not-found': 'Not found',
  };
  return `${names[route.page]}${db} · Corvid Studio`;
}

export function App() {
  const route = useRoute();
  useEffect(() => {
    document.title = titleOf(route);
  }, [route]);
  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <ActivityBar />
      <div class="layout">
        <Nav route={route} />
        <main id="main" tabIndex={-1}>
          <Page route={route} />
        </main>
      </div>
    </>
  );
}
