import { render } from 'preact';
import { App } from './app/App';
import { interceptLinks } from './app/router';
import './styles.css';

interceptLinks();
render(<App />, document.getElementById('app')!);
